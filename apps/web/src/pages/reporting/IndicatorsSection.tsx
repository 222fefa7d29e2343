import { FormEvent, useState } from 'react';
import {
  FocusArea,
  Indicator,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_UNIT_LABELS,
  IndicatorDirection,
  IndicatorUnit,
} from '@koers/contracts';
import {
  Check,
  ErrorMessage,
  Field,
  Loading,
  SuccessMessage,
  TableScroll,
  useApi,
  useFocusOnMount,
} from '../../components/common';
import { api } from '../../api';
import { FormActions, SelectField, useSubmit } from '../../components/forms';
import { useGuardedForm } from '../../features/forms';
import { formatDate, formatValue, options, todayIso } from '../../labels';
import { TabError } from '../WorkgroupPage';
import { IndicatorChart } from './IndicatorChart';
import { TargetVerdict, targetReached } from './indicator-verdict';
import { reportingApi } from './reporting-api';

/** '12,5' or '12.5' as a number; '' as null; anything else as NaN. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!trimmed) return null;
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return NaN;
  return Number(trimmed.replace(',', '.'));
}

/** Indicators per focus area, each with its chart, its numbers in words and as a table, and (for managers) a measurement form. */
export function IndicatorsSection({
  workgroupId,
  strategyId,
  focusAreas,
  canManage,
}: {
  workgroupId: string;
  /** The strategy whose period the targets are set for (until it ends, a target not reached "loopt nog"). */
  strategyId: string;
  focusAreas: FocusArea[];
  canManage: boolean;
}) {
  const list = useApi(() => reportingApi.indicators(workgroupId), [workgroupId]);
  const strategies = useApi(() => api.strategies(), []);
  const periodEnd = strategies.data?.find((s) => s.id === strategyId)?.periodEnd ?? null;
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function afterChange(text: string) {
    await list.reload();
    setMessage(text);
  }

  return (
    <section aria-labelledby="indicatoren" className="section">
      <h2 id="indicatoren">Indicatoren</h2>
      <SuccessMessage message={message} />
      {list.error && <TabError error={list.error} what="de indicatoren" />}
      {!list.data && !list.error && <Loading what="De indicatoren" plural />}
      {list.data &&
        focusAreas.map((area) => {
          const indicators = list.data!.filter((i) => i.focusAreaId === area.id);
          return (
            <section key={area.id} aria-labelledby={`onderdeel-${area.id}`} className="indicator-group">
              <h3 id={`onderdeel-${area.id}`}>{area.title}</h3>
              {indicators.length === 0 ? (
                <p className="muted">Geen indicatoren voor dit onderdeel.</p>
              ) : (
                <ul className="indicator-list">
                  {indicators.map((indicator) => (
                    <IndicatorCard
                      key={indicator.id}
                      indicator={indicator}
                      periodEnd={periodEnd}
                      canManage={canManage}
                      onMeasured={afterChange}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      {canManage && list.data && (
        <div className="section">
          {adding ? (
            <IndicatorForm
              workgroupId={workgroupId}
              focusAreas={focusAreas}
              onCancel={() => setAdding(false)}
              onCreated={async (indicator) => {
                setAdding(false);
                await afterChange(`Indicator “${indicator.title}” is toegevoegd.`);
              }}
            />
          ) : (
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Indicator toevoegen
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function IndicatorCard({
  indicator,
  periodEnd,
  canManage,
  onMeasured,
}: {
  indicator: Indicator;
  periodEnd: string | null;
  canManage: boolean;
  onMeasured: (message: string) => Promise<void>;
}) {
  const [measuring, setMeasuring] = useState(false);
  const latest = indicator.measurements.at(-1) ?? null;
  const headingId = `indicator-${indicator.id}`;
  return (
    <li className="card indicator-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{indicator.title}</h4>
      {indicator.description && <p>{indicator.description}</p>}
      <div className="indicator-body">
        <dl className="indicator-facts">
          <div>
            <dt>Laatste meting</dt>
            <dd>
              {latest ? (
                <>
                  <strong>{formatValue(latest.value, indicator.unit)}</strong>{' '}
                  <span className="muted">({formatDate(latest.measuredOn)})</span>
                </>
              ) : (
                'Nog geen meting'
              )}
            </dd>
          </div>
          <div>
            <dt>Doel</dt>
            <dd>{formatValue(indicator.target, indicator.unit)}</dd>
          </div>
          <div>
            <dt>Nulmeting</dt>
            <dd>{formatValue(indicator.baseline, indicator.unit)}</dd>
          </div>
          <div>
            <dt>Richting</dt>
            <dd>{INDICATOR_DIRECTION_LABELS[indicator.direction]}</dd>
          </div>
          <div>
            <dt>Oordeel</dt>
            <dd>
              <TargetVerdict
                reached={targetReached(indicator, latest?.value)}
                asOf={todayIso()}
                periodEnd={periodEnd}
              />
            </dd>
          </div>
        </dl>
        <IndicatorChart indicator={indicator} />
      </div>
      {indicator.measurements.length > 0 && (
        <details className="data-table-toggle">
          <summary>
            Metingen als tabel<span className="visually-hidden"> voor {indicator.title}</span>
          </summary>
          <TableScroll label={`Metingen van ${indicator.title}`}>
            <table>
              <caption className="visually-hidden">Metingen van {indicator.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col" className="number">
                    Waarde
                  </th>
                  <th scope="col">Bron</th>
                  <th scope="col">Ingevoerd door</th>
                </tr>
              </thead>
              <tbody>
                {indicator.measurements.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{formatDate(m.measuredOn)}</th>
                    <td className="number">{formatValue(m.value, indicator.unit)}</td>
                    <td>{m.source || '—'}</td>
                    <td>{m.enteredByName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      )}
      {canManage &&
        (measuring ? (
          <MeasurementForm
            indicator={indicator}
            onCancel={() => setMeasuring(false)}
            onAdded={async () => {
              setMeasuring(false);
              await onMeasured(`Meting voor “${indicator.title}” is toegevoegd.`);
            }}
          />
        ) : (
          <button type="button" className="button button-secondary button-small" onClick={() => setMeasuring(true)}>
            Meting toevoegen<span className="visually-hidden"> voor {indicator.title}</span>
          </button>
        ))}
    </li>
  );
}

function MeasurementForm({
  indicator,
  onCancel,
  onAdded,
}: {
  indicator: Indicator;
  onCancel: () => void;
  onAdded: () => Promise<void>;
}) {
  const [measuredOn, setMeasuredOn] = useState(todayIso());
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const { error, busy, submit } = useSubmit();
  const first = useFocusOnMount<HTMLHeadingElement>();
  const guard = useGuardedForm({ values: { measuredOn, value, source } });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const number = parseNumber(value);
    const checks: Check[] = [
      ['measuredOn', /^\d{4}-\d{2}-\d{2}$/.test(measuredOn), 'Kies een datum.'],
      ['measuredOn', measuredOn <= todayIso(), 'Een meting kan niet in de toekomst liggen.'],
      ['value', number !== null && !Number.isNaN(number), 'Geef een getal, bijvoorbeeld 12 of 12,5.'],
      ['value', number === null || Number.isNaN(number) || number >= 0, 'Een waarde kan niet negatief zijn.'],
    ];
    return submit(event, checks, async () => {
      await reportingApi.addMeasurement(indicator.id, {
        measuredOn,
        value: number!,
        source: source.trim() || undefined,
      });
      guard.saved();
      await onAdded();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="form subform" aria-labelledby={`meting-${indicator.id}`}>
      <h5 id={`meting-${indicator.id}`} ref={first} tabIndex={-1} className="subform-title">
        Meting toevoegen: {indicator.title}
      </h5>
      <ErrorMessage error={error} />
      <div className="form-row">
        <Field label="Datum" name="measuredOn" error={error} required>
          {(props) => (
            <input
              {...props}
              type="date"
              max={todayIso()}
              value={measuredOn}
              onChange={(e) => setMeasuredOn(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={`Waarde (${INDICATOR_UNIT_LABELS[indicator.unit].toLowerCase()})`}
          name="value"
          error={error}
          required
        >
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        <Field label="Bron" name="source" error={error} hint="Bijvoorbeeld: opgave gemeenten">
          {(props) => (
            <input {...props} type="text" maxLength={500} value={source} onChange={(e) => setSource(e.target.value)} />
          )}
        </Field>
      </div>
      <FormActions
        submit="Meting opslaan"
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
    </form>
  );
}

function IndicatorForm({
  workgroupId,
  focusAreas,
  onCancel,
  onCreated,
}: {
  workgroupId: string;
  focusAreas: FocusArea[];
  onCancel: () => void;
  onCreated: (indicator: Indicator) => Promise<void>;
}) {
  const [focusAreaId, setFocusAreaId] = useState(focusAreas[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [unit, setUnit] = useState<IndicatorUnit>('aantal');
  const [direction, setDirection] = useState<IndicatorDirection>('hoger_is_beter');
  const [baseline, setBaseline] = useState('');
  const [target, setTarget] = useState('');
  const { error, busy, submit } = useSubmit();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const guard = useGuardedForm({
    values: { focusAreaId, title, description, unit, direction, baseline, target },
    draftKey: `indicator.nieuw.${workgroupId}`,
    restore: (kept) => {
      setFocusAreaId(kept.focusAreaId);
      setTitle(kept.title);
      setDescription(kept.description);
      setUnit(kept.unit);
      setDirection(kept.direction);
      setBaseline(kept.baseline);
      setTarget(kept.target);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const base = parseNumber(baseline);
    const goal = parseNumber(target);
    const inRange = (n: number | null) =>
      n === null || Number.isNaN(n) || (n >= 0 && (unit !== 'percentage' || n <= 100));
    const checks: Check[] = [
      ['focusAreaId', Boolean(focusAreaId), 'Kies een onderdeel.'],
      ['title', title.trim().length >= 3, 'Een indicator heeft een titel van minstens 3 tekens.'],
      ['baseline', !Number.isNaN(base), 'Geef een getal of laat leeg.'],
      [
        'baseline',
        inRange(base),
        unit === 'percentage' ? 'Een percentage ligt tussen 0 en 100.' : 'Een waarde kan niet negatief zijn.',
      ],
      ['target', !Number.isNaN(goal), 'Geef een getal of laat leeg.'],
      [
        'target',
        inRange(goal),
        unit === 'percentage' ? 'Een percentage ligt tussen 0 en 100.' : 'Een waarde kan niet negatief zijn.',
      ],
    ];
    return submit(event, checks, async () => {
      const created = await reportingApi.createIndicator(workgroupId, {
        focusAreaId,
        title: title.trim(),
        description: description.trim() || undefined,
        unit,
        direction,
        baseline: base,
        target: goal,
      });
      guard.saved();
      await onCreated(created);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby="indicator-nieuw">
      <h3 id="indicator-nieuw" ref={heading} tabIndex={-1}>
        Indicator toevoegen
      </h3>
      {guard.notice}
      <ErrorMessage error={error} />
      <SelectField
        label="Onderdeel"
        name="focusAreaId"
        error={error}
        required
        value={focusAreaId}
        onChange={setFocusAreaId}
        choices={focusAreas.map((f) => [f.id, f.title])}
      />
      <Field label="Titel" name="title" error={error} required>
        {(props) => (
          <input {...props} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        )}
      </Field>
      <Field label="Omschrijving" name="description" error={error} hint="Wat wordt er gemeten, en hoe?">
        {(props) => (
          <textarea
            {...props}
            rows={2}
            maxLength={4000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <div className="form-row">
        <SelectField
          label="Eenheid"
          name="unit"
          error={error}
          required
          value={unit}
          onChange={setUnit}
          choices={options(INDICATOR_UNIT_LABELS)}
        />
        <SelectField
          label="Richting"
          name="direction"
          error={error}
          required
          value={direction}
          onChange={setDirection}
          choices={options(INDICATOR_DIRECTION_LABELS)}
        />
        <Field label="Nulmeting" name="baseline" error={error}>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              value={baseline}
              onChange={(e) => setBaseline(e.target.value)}
            />
          )}
        </Field>
        <Field label="Doel" name="target" error={error}>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormActions
        submit="Indicator opslaan"
        busy={busy}
        onCancel={() => {
          guard.discard();
          onCancel();
        }}
      />
    </form>
  );
}
