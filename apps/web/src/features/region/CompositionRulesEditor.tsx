import { FormEvent, useState } from 'react';
import {
  CompositionSeat,
  MEMBERSHIP_ROLES,
  MembershipRole,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  OrganisationType,
  ROLE_LABELS,
} from '@koers/contracts';
import { Check, CheckboxField, ErrorMessage, Field, SuccessMessage } from '../../components/common';
import { FormActions, SelectField, useSubmit } from '../../components/forms';
import { useGuardedForm, useVersionedSave } from '../forms';
import { useFunctions } from './functions';

/** Composition rules as a form edits them: the seats and the version they were read at. */
export interface VersionedRules {
  compositionRules: CompositionSeat[];
  version: number;
}

type RulesFields = { compositionRules: CompositionSeat[] };

interface SeatDraft {
  key: number;
  code?: string;
  label: string;
  function: string;
  organisationType: OrganisationType | '';
  role: MembershipRole | '';
  perDistrict: boolean;
}

let nextKey = 1;
const draftOf = (seat: CompositionSeat): SeatDraft => ({
  key: nextKey++,
  code: seat.code,
  label: seat.label,
  function: seat.function ?? '',
  organisationType: (seat.organisationType as OrganisationType | null) ?? '',
  role: seat.role ?? '',
  perDistrict: seat.perDistrict ?? false,
});
const seatOf = (draft: SeatDraft): CompositionSeat => ({
  ...(draft.code ? { code: draft.code } : {}),
  label: draft.label.trim(),
  function: draft.function || null,
  organisationType: draft.organisationType || null,
  role: draft.role || null,
  perDistrict: draft.perDistrict,
});

/** The seats as the form sends them, so stored and edited lists compare field by field. */
const normalised = (rules: VersionedRules) => rules.compositionRules.map(draftOf).map(seatOf);

/** How a list of seats reads in the conflict dialog: "Burgemeester (één per district); Officier van justitie". */
function describeSeats(seats: CompositionSeat[]): string {
  if (!seats.length) return 'Geen eisen';
  return seats.map((seat) => `${seat.label}${seat.perDistrict ? ' (één per district)' : ''}`).join('; ');
}

/**
 * The seats a werkgroep must have filled (or the region's default for new werkgroepen): each with a label, who
 * fills it (a function and/or an organisation type), the role in the werkgroep, and "one per district".
 * An empty list is allowed: the check then says "geen eisen ingesteld". Saved with the version the form
 * opened at: when someone else saved other seats meanwhile, the conflict dialog shows both lists. While not
 * saved, leaving is asked first and the seats stay in this browser as a draft (`draftKey`).
 */
export function CompositionRulesEditor({
  title,
  rules,
  draftKey,
  save,
  reload,
  fromCurrent = (current) => current as VersionedRules,
  onSaved,
  onCancel,
}: {
  /** The form's accessible name and heading ("Eisen aan de samenstelling"). */
  title: string;
  rules: VersionedRules;
  draftKey: string;
  /** Sends the seats based on `version`; a stale one gives 409 STALE_VERSION. */
  save: (seats: CompositionSeat[], version: number) => Promise<VersionedRules>;
  /** Reads the stored rules when a conflict came without them. */
  reload: () => Promise<VersionedRules>;
  /** The rules in the stored state a conflict answer carries (a werkgroep carries more). */
  fromCurrent?: (current: unknown) => VersionedRules;
  onSaved?: (rules: VersionedRules) => void | Promise<void>;
  onCancel?: () => void;
}) {
  const functions = useFunctions();
  const [base, setBase] = useState<VersionedRules>(rules);
  const [drafts, setDrafts] = useState<SeatDraft[]>(() => rules.compositionRules.map(draftOf));
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm<RulesFields>({
    values: { compositionRules: drafts.map(seatOf) },
    draftKey,
    version: base.version,
    restore: (kept, origin) => {
      setDrafts(kept.compositionRules.map(draftOf));
      if (origin)
        setBase((current) => ({ ...current, compositionRules: origin.base.compositionRules, version: origin.version }));
    },
  });
  const versioned = useVersionedSave<VersionedRules, RulesFields>({
    fieldsOf: (r) => ({ compositionRules: normalised(r) }),
    labels: () => title,
    format: (_, value) => describeSeats(value as CompositionSeat[]),
    save: (changes, version) => save(changes.compositionRules ?? [], version),
    reload,
    fromCurrent,
    onSaved: (saved) => {
      setBase(saved);
      setDrafts(saved.compositionRules.map(draftOf));
      guard.saved({ compositionRules: normalised(saved) });
      const count = saved.compositionRules.length;
      setMessage(
        count === 0
          ? 'De eisen zijn opgeslagen: geen eisen ingesteld.'
          : `De eisen zijn opgeslagen (${count} ${count === 1 ? 'zetel' : 'zetels'}).`,
      );
      void onSaved?.(saved);
    },
  });

  const change = (key: number, values: Partial<SeatDraft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...values } : d)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setMessage(null);
    const checks: Check[] = drafts.flatMap((d, i) => [
      [
        `compositionRules.${i}.label`,
        d.label.trim().length >= 3,
        'Geef de zetel een naam van minstens 3 tekens.',
      ] as Check,
    ]);
    return submit(event, checks, async () => {
      const seats = drafts.map(seatOf);
      if (JSON.stringify(seats) === JSON.stringify(normalised(base))) {
        guard.saved();
        setMessage('De eisen zijn niet gewijzigd.');
        return;
      }
      await versioned.submit(base, { compositionRules: seats });
    });
  }

  function cancel() {
    guard.discard();
    onCancel?.();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-label={title}>
      <h3>{title}</h3>
      {guard.notice}
      <SuccessMessage message={message} />
      <ErrorMessage error={error} title="Opslaan is niet gelukt." />
      {drafts.length === 0 && <p>Geen zetels: de controle meldt &ldquo;geen eisen ingesteld&rdquo;.</p>}
      <ol className="seat-list">
        {drafts.map((d, i) => (
          <li key={d.key}>
            <fieldset className="checkbox-group">
              <legend>Zetel {i + 1}</legend>
              <Field label="Naam van de zetel" name={`compositionRules.${i}.label`} error={error} required>
                {(props) => (
                  <input {...props} value={d.label} onChange={(e) => change(d.key, { label: e.target.value })} />
                )}
              </Field>
              <SelectField
                label="Functie"
                name={`compositionRules.${i}.function`}
                error={error}
                value={d.function}
                empty="Elke functie"
                choices={functions.map((f) => [f.code, f.label] as const)}
                onChange={(value) => change(d.key, { function: value })}
              />
              <SelectField
                label="Organisatietype"
                name={`compositionRules.${i}.organisationType`}
                error={error}
                value={d.organisationType}
                empty="Elk type"
                choices={ORGANISATION_TYPES.map((t) => [t, ORGANISATION_TYPE_LABELS[t]] as const)}
                onChange={(value) => change(d.key, { organisationType: value })}
              />
              <SelectField
                label="Rol in de werkgroep"
                name={`compositionRules.${i}.role`}
                error={error}
                value={d.role}
                empty="Elke rol"
                choices={MEMBERSHIP_ROLES.map((r) => [r, ROLE_LABELS[r]] as const)}
                onChange={(value) => change(d.key, { role: value })}
              />
              <CheckboxField
                label="Eén per district"
                name={`compositionRules.${i}.perDistrict`}
                checked={d.perDistrict}
                onChange={(value) => change(d.key, { perDistrict: value })}
              />
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => setDrafts((list) => list.filter((x) => x.key !== d.key))}
              >
                Zetel {i + 1} verwijderen
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <FormActions
        submit="Eisen opslaan"
        busy={busy}
        onCancel={onCancel ? cancel : undefined}
        before={
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              setDrafts((list) => [
                ...list,
                { key: nextKey++, label: '', function: '', organisationType: '', role: '', perDistrict: false },
              ])
            }
          >
            Zetel toevoegen
          </button>
        }
      />
      {versioned.dialog}
    </form>
  );
}
