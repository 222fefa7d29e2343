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
import { useFunctions } from './functions';

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

/**
 * The seats a werkgroep must have filled (or the region's default for new werkgroepen): each with a label, who
 * fills it (a function and/or an organisation type), the role in the werkgroep, and "one per district".
 * An empty list is allowed: the check then says "geen eisen ingesteld".
 */
export function CompositionRulesEditor({
  title,
  seats,
  onSave,
  onCancel,
}: {
  /** The form's accessible name and heading ("Eisen aan de samenstelling"). */
  title: string;
  seats: CompositionSeat[];
  onSave: (seats: CompositionSeat[]) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const functions = useFunctions();
  const [drafts, setDrafts] = useState<SeatDraft[]>(() => seats.map(draftOf));
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();

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
      await onSave(drafts.map(seatOf));
      setMessage(
        drafts.length === 0
          ? 'De eisen zijn opgeslagen: geen eisen ingesteld.'
          : `De eisen zijn opgeslagen (${drafts.length} ${drafts.length === 1 ? 'zetel' : 'zetels'}).`,
      );
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-label={title}>
      <h3>{title}</h3>
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
        onCancel={onCancel}
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
    </form>
  );
}
