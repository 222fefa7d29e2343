import { FormEvent, KeyboardEvent, useId, useState } from 'react';
import { api, ApiError } from '../../api';
import {
  asApiError,
  ErrorMessage,
  Field,
  focusFirstInvalid,
  useApi,
  useFocusOnMount,
  validate,
} from '../../components/common';
import { FormActions } from '../../components/forms';
import { ORGANISATION_TYPE_LABELS } from '../inventory/inventory-api';
import { storedDraft, useFormGuard, useVersionedSave } from '../forms';
import {
  BudgetLine,
  BudgetLineFields,
  Contribution,
  ContributionFields,
  euro,
  euroInput,
  financeApi,
  parseEuro,
  timesInhabitants,
} from './finance-api';

/**
 * Escape cancels an edit form (as its Annuleren button does), unless a dialog inside it is open: that dialog
 * takes the Escape itself.
 */
function cancelOnEscape(onCancel: (() => void) | undefined, dialogOpen: boolean) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape' || !onCancel || dialogOpen || event.defaultPrevented) return;
    event.preventDefault();
    onCancel();
  };
}

/** A line without an organisation ("Overige gemeenten"): the value of the organisation choice. */
const COLLECTIVE = 'verzamelregel';
const AMOUNT_HINT = 'In euro, zoals 14.000 of 1.234,56.';

/** The contribution form as people fill it in: amounts as typed ("1.234,56"). */
interface ContributionValues {
  organisationId: string;
  partnerType: string;
  label: string;
  year: string;
  basis: 'vast' | 'per_inwoner';
  amount: string;
  inhabitants: string;
  perInhabitant: string;
  note: string;
}

interface StoredContributionDraft {
  version: number;
  values: ContributionValues;
}

const contributionDraftKey = (id?: string) => `bijdrage.${id ?? 'nieuw'}`;

function valuesOf(c?: Contribution): ContributionValues {
  if (!c)
    return {
      organisationId: '',
      partnerType: 'gemeente',
      label: '',
      year: String(new Date().getFullYear()),
      basis: 'vast',
      amount: '',
      inhabitants: '',
      perInhabitant: '',
      note: '',
    };
  return {
    organisationId: c.organisationId ?? COLLECTIVE,
    partnerType: c.partnerType,
    label: c.label,
    year: String(c.year),
    basis: c.basis,
    amount: euroInput(c.amountCents),
    inhabitants: c.inhabitants === null ? '' : String(c.inhabitants),
    perInhabitant: c.centsPerInhabitant === null ? '' : euroInput(c.centsPerInhabitant),
    note: c.note,
  };
}

/** The API's fields of a stored contribution (a line with an organisation takes the type from it). */
function fieldsOfContribution(c: Contribution): ContributionFields {
  return {
    organisationId: c.organisationId,
    partnerType: c.organisationId ? '' : c.partnerType,
    label: c.organisationId ? '' : c.label,
    year: c.year,
    basis: c.basis,
    amountCents: c.amountCents,
    inhabitants: c.basis === 'per_inwoner' ? c.inhabitants : null,
    centsPerInhabitant: c.basis === 'per_inwoner' ? c.centsPerInhabitant : null,
    note: c.note,
  };
}

/** The form's values as the API's fields; call after the checks passed. */
function fieldsOfValues(v: ContributionValues): ContributionFields {
  const collective = v.organisationId === COLLECTIVE;
  const perInhabitant = v.basis === 'per_inwoner';
  const inhabitants = perInhabitant ? Number(v.inhabitants) : null;
  const cents = perInhabitant ? parseEuro(v.perInhabitant) : null;
  return {
    organisationId: collective ? null : v.organisationId,
    partnerType: collective ? v.partnerType : '',
    label: collective ? v.label.trim() : '',
    year: Number(v.year),
    basis: v.basis,
    amountCents: perInhabitant ? (timesInhabitants(inhabitants!, cents!) ?? 0) : parseEuro(v.amount)!,
    inhabitants,
    centsPerInhabitant: cents,
    note: v.note.trim(),
  };
}

const CONTRIBUTION_LABELS: Record<string, string> = {
  organisationId: 'Organisatie',
  partnerType: 'Soort partner',
  label: 'Naam',
  year: 'Jaar',
  basis: 'Grondslag',
  amountCents: 'Bedrag',
  inhabitants: 'Aantal inwoners',
  centsPerInhabitant: 'Bedrag per inwoner',
  note: 'Toelichting',
};

function describeContributionValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (key === 'amountCents' || key === 'centsPerInhabitant') return euro(Number(value));
  if (key === 'basis') return value === 'vast' ? 'Vast bedrag' : 'Per inwoner';
  if (key === 'partnerType') return ORGANISATION_TYPE_LABELS[String(value)] ?? String(value);
  return String(value);
}

/**
 * Adds a contribution, or changes one (`contribution`): euro amounts typed in Dutch notation ("1.234,56")
 * and sent as whole cents. A change sends only what changed, against the version it started from; when
 * someone else saved in between, both versions are shown to choose from. Unsaved input is kept as a draft in
 * this browser and leaving is asked first.
 */
export function ContributionForm({
  contribution,
  onSaved,
  onCancel,
}: {
  contribution?: Contribution;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const organisations = useApi(() => api.organisations(), []);
  const key = contributionDraftKey(contribution?.id);
  const [kept] = useState(() => storedDraft<StoredContributionDraft>(key));
  const [base] = useState(() => ({
    version: kept?.version ?? contribution?.version ?? 0,
    values: valuesOf(contribution),
  }));
  const [values, setValues] = useState<ContributionValues>(() => kept?.values ?? base.values);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const headingId = useId();
  const dirty = JSON.stringify(values) !== JSON.stringify(base.values);
  const guard = useFormGuard<StoredContributionDraft>({
    dirty,
    draftKey: key,
    draft: { version: base.version, values },
  });
  const versioned = useVersionedSave<Contribution, ContributionFields>({
    fieldsOf: fieldsOfContribution,
    labels: (k) => CONTRIBUTION_LABELS[k] ?? k,
    format: describeContributionValue,
    save: (changes, version) => financeApi.updateContribution(contribution!.id, changes, version),
    reload: async () => {
      const list = await financeApi.contributions();
      const found = list.items.find((c) => c.id === contribution!.id);
      if (!found) throw new ApiError(404, 'NOT_FOUND', 'De bijdrage is intussen verwijderd.');
      return found;
    },
    onSaved: () => {
      guard.saved();
      onSaved();
    },
  });
  const set = <K extends keyof ContributionValues>(k: K, value: ContributionValues[K]) =>
    setValues((v) => ({ ...v, [k]: value }));
  const collective = values.organisationId === COLLECTIVE;
  const perInhabitant = values.basis === 'per_inwoner';
  const computed =
    perInhabitant && /^\d+$/.test(values.inhabitants) && parseEuro(values.perInhabitant) !== null
      ? timesInhabitants(Number(values.inhabitants), parseEuro(values.perInhabitant)!)
      : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const problem = validate([
      ['organisationId', !!values.organisationId, 'Kies een organisatie of een verzamelregel.'],
      ['label', !collective || values.label.trim().length > 0, 'Geef een verzamelregel een naam.'],
      ['year', /^\d{4}$/.test(values.year), 'Geef een jaar als 2027.'],
      ['amountCents', perInhabitant || parseEuro(values.amount) !== null, 'Geef een bedrag als 14.000 of 1.234,56.'],
      ['inhabitants', !perInhabitant || /^[1-9]\d*$/.test(values.inhabitants), 'Geef het aantal inwoners.'],
      [
        'centsPerInhabitant',
        !perInhabitant || parseEuro(values.perInhabitant) !== null,
        'Geef het bedrag per inwoner, zoals 0,17.',
      ],
    ]);
    setError(problem);
    if (problem) return focusFirstInvalid(element);
    const fields = fieldsOfValues(values);
    setBusy(true);
    try {
      if (contribution) {
        // Based on the version the form started from, so a change made meanwhile is never overwritten unseen.
        await versioned.submit({ ...contribution, version: base.version }, fields);
      } else {
        const { amountCents, inhabitants, centsPerInhabitant, partnerType, label, ...rest } = fields;
        await financeApi.createContribution({
          ...rest,
          ...(perInhabitant ? { inhabitants, centsPerInhabitant } : { amountCents }),
          ...(collective ? { partnerType, label } : {}),
        });
        guard.saved();
        setValues(valuesOf());
        onSaved();
      }
    } catch (err) {
      setError(asApiError(err));
      focusFirstInvalid(element);
    } finally {
      setBusy(false);
    }
  }

  const title = contribution
    ? `Bijdrage wijzigen: ${contribution.organisationName ?? contribution.label}, ${contribution.year}`
    : 'Bijdrage toevoegen';
  const cancel =
    onCancel &&
    (() => {
      guard.saved();
      onCancel();
    });
  return (
    <form
      onSubmit={submit}
      onKeyDown={cancelOnEscape(cancel, versioned.conflictOpen)}
      noValidate
      className="card form"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} ref={contribution ? headingRef : undefined} tabIndex={-1}>
        {title}
      </h2>
      {kept && (
        <p className="alert alert-info" role="status">
          Uw niet-opgeslagen invoer van een eerder bezoek is teruggezet.
        </p>
      )}
      <ErrorMessage error={error ?? organisations.error} />
      <Field label="Organisatie" name="organisationId" error={error} required>
        {(props) => (
          <select {...props} value={values.organisationId} onChange={(e) => set('organisationId', e.target.value)}>
            <option value="">Kies een organisatie</option>
            {(organisations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
            <option value={COLLECTIVE}>Geen enkele organisatie (verzamelregel, zoals “Overige gemeenten”)</option>
          </select>
        )}
      </Field>
      {collective && (
        <>
          <Field label="Soort partner" name="partnerType" error={error} required>
            {(props) => (
              <select {...props} value={values.partnerType} onChange={(e) => set('partnerType', e.target.value)}>
                {Object.entries(ORGANISATION_TYPE_LABELS).map(([type, label]) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Naam van de verzamelregel" name="label" error={error} required>
            {(props) => (
              <input {...props} type="text" value={values.label} onChange={(e) => set('label', e.target.value)} />
            )}
          </Field>
        </>
      )}
      <Field label="Jaar" name="year" error={error} required>
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="numeric"
            value={values.year}
            onChange={(e) => set('year', e.target.value)}
          />
        )}
      </Field>
      <Field label="Grondslag" name="basis" error={error}>
        {(props) => (
          <select
            {...props}
            value={values.basis}
            onChange={(e) => set('basis', e.target.value as 'vast' | 'per_inwoner')}
          >
            <option value="vast">Vast bedrag</option>
            <option value="per_inwoner">Per inwoner</option>
          </select>
        )}
      </Field>
      {perInhabitant ? (
        <>
          <Field label="Aantal inwoners" name="inhabitants" error={error} required>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="numeric"
                value={values.inhabitants}
                onChange={(e) => set('inhabitants', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Bedrag per inwoner in euro"
            name="centsPerInhabitant"
            error={error}
            required
            hint="Zoals 0,17 of 1,05."
          >
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="decimal"
                value={values.perInhabitant}
                onChange={(e) => set('perInhabitant', e.target.value)}
              />
            )}
          </Field>
          <p className="hint" aria-live="polite">
            {computed !== null ? `Bijdrage: ${euro(computed)}` : 'De bijdrage is inwoners × bedrag per inwoner.'}
          </p>
        </>
      ) : (
        <Field label="Bedrag in euro" name="amountCents" error={error} required hint={AMOUNT_HINT}>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              value={values.amount}
              onChange={(e) => set('amount', e.target.value)}
            />
          )}
        </Field>
      )}
      <Field label="Toelichting" name="note" error={error}>
        {(props) => <input {...props} type="text" value={values.note} onChange={(e) => set('note', e.target.value)} />}
      </Field>
      <FormActions submit={contribution ? 'Wijzigingen opslaan' : 'Bijdrage opslaan'} busy={busy} onCancel={cancel} />
      {versioned.dialog}
    </form>
  );
}

interface BudgetValues {
  year: string;
  title: string;
  amount: string;
}

const budgetValuesOf = (b?: BudgetLine): BudgetValues =>
  b
    ? { year: String(b.year), title: b.title, amount: euroInput(b.amountCents) }
    : { year: String(new Date().getFullYear()), title: '', amount: '' };
const budgetFieldsOf = (b: BudgetLine): BudgetLineFields => ({
  year: b.year,
  title: b.title,
  amountCents: b.amountCents,
});
const BUDGET_LABELS: Record<string, string> = { year: 'Jaar', title: 'Post', amountCents: 'Bedrag' };

/** Adds a budget line, or changes one (`line`), as the contribution form does. */
export function BudgetLineForm({
  line,
  onSaved,
  onCancel,
}: {
  line?: BudgetLine;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const key = `begrotingspost.${line?.id ?? 'nieuw'}`;
  const [kept] = useState(() => storedDraft<{ version: number; values: BudgetValues }>(key));
  const [base] = useState(() => ({ version: kept?.version ?? line?.version ?? 0, values: budgetValuesOf(line) }));
  const [values, setValues] = useState<BudgetValues>(() => kept?.values ?? base.values);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const headingId = useId();
  const dirty = JSON.stringify(values) !== JSON.stringify(base.values);
  const guard = useFormGuard({ dirty, draftKey: key, draft: { version: base.version, values } });
  const versioned = useVersionedSave<BudgetLine, BudgetLineFields>({
    fieldsOf: budgetFieldsOf,
    labels: (k) => BUDGET_LABELS[k] ?? k,
    format: (k, value) => (k === 'amountCents' ? euro(Number(value)) : String(value ?? '')),
    save: (changes, version) => financeApi.updateBudgetLine(line!.id, changes, version),
    reload: async () => {
      const found = (await financeApi.budgetLines()).find((b) => b.id === line!.id);
      if (!found) throw new ApiError(404, 'NOT_FOUND', 'De begrotingspost is intussen verwijderd.');
      return found;
    },
    onSaved: () => {
      guard.saved();
      onSaved();
    },
  });
  const set = <K extends keyof BudgetValues>(k: K, value: string) => setValues((v) => ({ ...v, [k]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const problem = validate([
      ['year', /^\d{4}$/.test(values.year), 'Geef een jaar als 2027.'],
      ['title', values.title.trim().length >= 2, 'Geef de post een naam.'],
      ['amountCents', parseEuro(values.amount) !== null, 'Geef een bedrag als 14.000 of 1.234,56.'],
    ]);
    setError(problem);
    if (problem) return focusFirstInvalid(element);
    const fields: BudgetLineFields = {
      year: Number(values.year),
      title: values.title.trim(),
      amountCents: parseEuro(values.amount)!,
    };
    setBusy(true);
    try {
      if (line) await versioned.submit({ ...line, version: base.version }, fields);
      else {
        await financeApi.createBudgetLine(fields);
        guard.saved();
        setValues(budgetValuesOf());
        onSaved();
      }
    } catch (err) {
      setError(asApiError(err));
      focusFirstInvalid(element);
    } finally {
      setBusy(false);
    }
  }

  const cancel =
    onCancel &&
    (() => {
      guard.saved();
      onCancel();
    });
  return (
    <form
      onSubmit={submit}
      onKeyDown={cancelOnEscape(cancel, versioned.conflictOpen)}
      noValidate
      className="card form"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} ref={line ? headingRef : undefined} tabIndex={-1}>
        {line ? `Begrotingspost wijzigen: ${line.title}, ${line.year}` : 'Begrotingspost toevoegen'}
      </h2>
      {kept && (
        <p className="alert alert-info" role="status">
          Uw niet-opgeslagen invoer van een eerder bezoek is teruggezet.
        </p>
      )}
      <ErrorMessage error={error} />
      <Field label="Jaar" name="year" error={error} required>
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="numeric"
            value={values.year}
            onChange={(e) => set('year', e.target.value)}
          />
        )}
      </Field>
      <Field label="Post" name="title" error={error} required>
        {(props) => (
          <input {...props} type="text" value={values.title} onChange={(e) => set('title', e.target.value)} />
        )}
      </Field>
      <Field label="Bedrag in euro" name="amountCents" error={error} required hint={AMOUNT_HINT}>
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            value={values.amount}
            onChange={(e) => set('amount', e.target.value)}
          />
        )}
      </Field>
      <FormActions submit={line ? 'Wijzigingen opslaan' : 'Post opslaan'} busy={busy} onCancel={cancel} />
      {versioned.dialog}
    </form>
  );
}
