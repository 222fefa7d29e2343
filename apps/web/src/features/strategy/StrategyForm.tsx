import { FormEvent, useState } from 'react';
import { Strategy, StrategyInput, STRATEGY_STATUS_LABELS, StrategyStatus } from '@koers/contracts';
import { ErrorMessage, Field, useFocusOnMount } from '../../components/common';
import { FormActions, SelectField, useSubmit } from '../../components/forms';
import { options } from '../../labels';
import { useGuardedForm, useVersionedSave } from '../forms';
import { useWords } from '../region';
import { api } from '../../api';
import { strategyApi } from './strategy-api';
import { RichText, richTextPlain, RichTextField } from './RichText';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

type StrategyFieldValues = Required<StrategyInput>;

const strategyFields = (s: Strategy): StrategyFieldValues => ({
  title: s.title,
  motto: s.motto ?? '',
  periodStart: s.periodStart,
  periodEnd: s.periodEnd,
  status: s.status,
  adoptedOn: s.adoptedOn ?? null,
  adoptedBy: s.adoptedBy ?? '',
  vision: s.vision ?? '',
  trends: s.trends ?? '',
  principles: s.principles ?? '',
  selectionCriteria: s.selectionCriteria ?? '',
});

const RICH_FIELDS = new Set(['vision', 'trends', 'principles', 'selectionCriteria']);

const STRATEGY_FIELD_LABELS: Record<string, string> = {
  title: 'Titel',
  motto: 'Motto',
  periodStart: 'Begint op',
  periodEnd: 'Eindigt op',
  status: 'Status',
  adoptedOn: 'Vastgesteld op',
  adoptedBy: 'Vastgesteld door',
  vision: 'Visie',
  trends: 'Trends',
  principles: 'Uitgangspunten',
  selectionCriteria: 'Selectiecriteria',
};

/** Create (no `strategy`) or edit a strategy: title, period, status, adoption and what it says besides its themes. */
export function StrategyForm({
  strategy,
  onSaved,
  onCancel,
}: {
  strategy?: Strategy;
  onSaved: (saved: Strategy) => void | Promise<void>;
  onCancel: () => void;
}) {
  const words = useWords();
  const [title, setTitle] = useState(strategy?.title ?? '');
  const [motto, setMotto] = useState(strategy?.motto ?? '');
  const [periodStart, setPeriodStart] = useState(strategy?.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(strategy?.periodEnd ?? '');
  const [status, setStatus] = useState<StrategyStatus>(strategy?.status ?? 'concept');
  const [adoptedOn, setAdoptedOn] = useState(strategy?.adoptedOn ?? '');
  const [adoptedBy, setAdoptedBy] = useState(strategy?.adoptedBy ?? '');
  const [vision, setVision] = useState(strategy?.vision ?? '');
  const [trends, setTrends] = useState(strategy?.trends ?? '');
  const [principles, setPrinciples] = useState(strategy?.principles ?? '');
  const [selectionCriteria, setSelectionCriteria] = useState(strategy?.selectionCriteria ?? '');
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({
    values: {
      title,
      motto,
      periodStart,
      periodEnd,
      status,
      adoptedOn,
      adoptedBy,
      vision,
      trends,
      principles,
      selectionCriteria,
    },
    draftKey: `strategie.${strategy?.id ?? 'nieuw'}`,
    restore: (kept) => {
      setTitle(kept.title);
      setMotto(kept.motto);
      setPeriodStart(kept.periodStart);
      setPeriodEnd(kept.periodEnd);
      setStatus(kept.status);
      setAdoptedOn(kept.adoptedOn);
      setAdoptedBy(kept.adoptedBy);
      setVision(kept.vision);
      setTrends(kept.trends);
      setPrinciples(kept.principles);
      setSelectionCriteria(kept.selectionCriteria);
    },
  });

  const versioned = useVersionedSave<Strategy, StrategyFieldValues>({
    fieldsOf: strategyFields,
    labels: (key) => STRATEGY_FIELD_LABELS[key] ?? key,
    format: (key, value) =>
      key === 'status'
        ? (STRATEGY_STATUS_LABELS[value as StrategyStatus] ?? String(value))
        : RICH_FIELDS.has(key)
          ? richTextPlain(String(value ?? ''))
          : String(value ?? ''),
    save: (changes, version) => strategyApi.update(strategy!.id, changes, version),
    reload: () => api.strategy(strategy!.id),
    onSaved: (saved) => {
      guard.saved();
      void onSaved(saved);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    return submit(
      event,
      [
        ['title', title.trim().length >= 3, 'Vul een titel in van minstens 3 tekens.'],
        ['periodStart', DAY.test(periodStart), 'Vul de begindatum in.'],
        ['periodEnd', DAY.test(periodEnd) && periodEnd > periodStart, 'Vul een einddatum na de begindatum in.'],
      ],
      async () => {
        const input = {
          title: title.trim(),
          motto: motto.trim(),
          periodStart,
          periodEnd,
          status,
          adoptedOn: adoptedOn || null,
          adoptedBy: adoptedBy.trim(),
          vision,
          trends,
          principles,
          selectionCriteria,
        };
        // An edit sends only what changed, based on the version the form opened with: a change someone else
        // made meanwhile is combined, or shown beside this one in the conflict dialog.
        if (strategy) return void (await versioned.submit(strategy, input));
        const saved = await strategyApi.create(input);
        guard.saved();
        await onSaved(saved);
      },
    );
  }

  const text = (label: string, name: string, value: string, set: (v: string) => void, hint: string) => (
    <RichTextField label={label} name={name} value={value} onChange={set} hint={hint} error={error} />
  );
  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="strategie-form-kop">
      <h2 id="strategie-form-kop" ref={headingRef} tabIndex={-1}>
        {strategy ? `${strategy.title} bewerken` : `Nieuwe ${words.strategyName}`}
      </h2>
      {guard.notice}
      <ErrorMessage error={error} title="Opslaan is niet gelukt." />
      <Field label="Titel" name="title" error={error} required hint={`Bijvoorbeeld: ${words.strategyName} 2024-2027`}>
        {(props) => <input {...props} value={title} onChange={(event) => setTitle(event.target.value)} />}
      </Field>
      <Field label="Motto" name="motto" error={error}>
        {(props) => <input {...props} value={motto} onChange={(event) => setMotto(event.target.value)} />}
      </Field>
      <Field label="Begint op" name="periodStart" error={error} required>
        {(props) => (
          <input {...props} type="date" value={periodStart} onChange={(event) => setPeriodStart(event.target.value)} />
        )}
      </Field>
      <Field label="Eindigt op" name="periodEnd" error={error} required>
        {(props) => (
          <input {...props} type="date" value={periodEnd} onChange={(event) => setPeriodEnd(event.target.value)} />
        )}
      </Field>
      <SelectField
        label="Status"
        name="status"
        error={error}
        value={status}
        onChange={setStatus}
        choices={options(STRATEGY_STATUS_LABELS)}
      />
      <Field label="Vastgesteld op" name="adoptedOn" error={error}>
        {(props) => (
          <input {...props} type="date" value={adoptedOn} onChange={(event) => setAdoptedOn(event.target.value)} />
        )}
      </Field>
      <Field label="Vastgesteld door" name="adoptedBy" error={error} hint={`Bijvoorbeeld: ${words.boardName}`}>
        {(props) => <input {...props} value={adoptedBy} onChange={(event) => setAdoptedBy(event.target.value)} />}
      </Field>
      {text('Visie', 'vision', vision, setVision, `Wat de ${words.strategyName} wil bereiken.`)}
      {text('Trends en ontwikkelingen', 'trends', trends, setTrends, 'Bijvoorbeeld een opsomming, één punt per regel.')}
      {text('Uitgangspunten', 'principles', principles, setPrinciples, 'Bijvoorbeeld een opsomming.')}
      {text(
        'Selectiecriteria',
        'selectionCriteria',
        selectionCriteria,
        setSelectionCriteria,
        `Waarop de ${words.themePlural} zijn gekozen.`,
      )}
      <FormActions
        submit={strategy ? 'Opslaan' : 'Strategie aanmaken'}
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
      {versioned.dialog}
    </form>
  );
}

/** Trends, principles, criteria: rich text, shown safely (RichText). */
export function StrategyTexts({ strategy }: { strategy: Strategy }) {
  const sections: Array<[string, string]> = [
    ['Trends en ontwikkelingen', strategy.trends],
    ['Uitgangspunten', strategy.principles],
    ['Selectiecriteria', strategy.selectionCriteria],
  ];
  return (
    <>
      {sections
        .filter(([, value]) => value && value.trim())
        .map(([heading, value]) => (
          <section key={heading} className="section" aria-label={heading}>
            <h2>{heading}</h2>
            <RichText html={value} points />
          </section>
        ))}
    </>
  );
}
