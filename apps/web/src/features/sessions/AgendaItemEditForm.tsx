import { FormEvent, useState } from 'react';
import { AGENDA_OUTCOME_LABELS, AgendaItem, AgendaOutcome, WorkgroupMember } from '@koers/contracts';
import { api, ApiError } from '../../api';
import { asApiError, ErrorMessage, Field, focusFirstInvalid, useFocusOnMount, validate } from '../../components/common';
import { FormActions, SelectField } from '../../components/forms';
import { options } from '../../labels';
import { useFormGuard, useVersionedSave } from '../forms';
import { AgendaItemFieldValues, agendaItemFields, describeValue, fieldLabel } from './session-fields';

interface ItemForm {
  title: string;
  description: string;
  presenterId: string;
  presenterName: string;
  minutes: string;
  outcome: AgendaOutcome | '';
}

function formOf(fields: AgendaItemFieldValues): ItemForm {
  return {
    title: fields.title,
    description: fields.description,
    presenterId: fields.presenterId ?? '',
    presenterName: fields.presenterName ?? '',
    minutes: fields.minutesAllotted === null ? '' : String(fields.minutesAllotted),
    outcome: fields.outcome ?? '',
  };
}

/**
 * Edits one agenda item: title, presenter (a member, or a name from outside), minutes, outcome and description.
 * Versioned like the session: a change saved meanwhile by someone else opens the conflict dialog.
 */
export function AgendaItemEditForm({
  item,
  members,
  canSetOutcome,
  onSaved,
  onCancel,
}: {
  item: AgendaItem;
  members: WorkgroupMember[];
  /** The outcome belongs to items on the agenda, set by those who manage sessions. */
  canSetOutcome: boolean;
  onSaved: (saved: AgendaItem) => void;
  onCancel: () => void;
}) {
  const [base] = useState(item);
  const [form, setForm] = useState(() => formOf(agendaItemFields(item)));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useFocusOnMount<HTMLInputElement>();
  const names = (id: string) => members.find((m) => m.userId === id)?.displayName;
  const guard = useFormGuard({ dirty: JSON.stringify(form) !== JSON.stringify(formOf(agendaItemFields(base))) });
  const versioned = useVersionedSave<AgendaItem, AgendaItemFieldValues>({
    fieldsOf: agendaItemFields,
    labels: fieldLabel,
    format: (key, value) => describeValue(key, value, names),
    save: (changes, version) => api.updateAgendaItem(item.id, changes, version),
    reload: async () => {
      const session = await api.session(item.sessionId);
      const current = [...session.agenda, ...session.backlog].find((i) => i.id === item.id);
      if (!current) throw new ApiError(404, 'NOT_FOUND', 'Dit agendapunt is intussen verwijderd.');
      return current;
    },
    onSaved: (saved) => {
      guard.saved();
      onSaved(saved);
    },
  });

  function set<K extends keyof ItemForm>(key: K, value: ItemForm[K]) {
    setForm((current) => ({ ...current, [key]: value }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const minutes = form.minutes.trim() ? Number(form.minutes) : null;
    const problem = validate([
      ['title', form.title.trim().length >= 3, 'Geef een titel van minstens 3 tekens.'],
      [
        'minutesAllotted',
        minutes === null || (Number.isInteger(minutes) && minutes >= 1 && minutes <= 480),
        'Tussen 1 en 480 minuten.',
      ],
    ]);
    setError(problem);
    if (problem) return focusFirstInvalid(element);
    const draft: AgendaItemFieldValues = {
      title: form.title.trim(),
      description: form.description,
      presenterId: form.presenterId || null,
      presenterName: form.presenterId ? null : form.presenterName.trim() || null,
      minutesAllotted: minutes,
      outcome: canSetOutcome ? form.outcome || null : base.outcome,
    };
    setBusy(true);
    try {
      await versioned.submit(base, draft);
    } catch (err) {
      setError(asApiError(err));
      focusFirstInvalid(element);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={`Agendapunt “${item.title}” bewerken`}>
      <ErrorMessage error={error} />
      <Field label="Titel agendapunt" name="title" error={error} required>
        {(props) => (
          <input {...props} ref={titleRef} value={form.title} onChange={(e) => set('title', e.target.value)} />
        )}
      </Field>
      <div className="form-row">
        <SelectField
          label="Inleider"
          name="presenterId"
          error={error}
          value={form.presenterId}
          onChange={(presenterId) => set('presenterId', presenterId)}
          choices={members.map((m) => [m.userId, m.displayName])}
          empty="Geen lid van de werkgroep"
        />
        {!form.presenterId && (
          <Field label="Inleider van buiten" name="presenterName" error={error} hint="Naam, als niet een lid inleidt.">
            {(props) => (
              <input {...props} value={form.presenterName} onChange={(e) => set('presenterName', e.target.value)} />
            )}
          </Field>
        )}
        <Field label="Minuten" name="minutesAllotted" error={error}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={480}
              value={form.minutes}
              onChange={(e) => set('minutes', e.target.value)}
            />
          )}
        </Field>
        {canSetOutcome && (
          <SelectField
            label="Uitkomst"
            name="outcome"
            error={error}
            value={form.outcome}
            onChange={(outcome) => set('outcome', outcome)}
            choices={options(AGENDA_OUTCOME_LABELS)}
            empty="Nog niet bekend"
          />
        )}
      </div>
      <Field label="Toelichting" name="description" error={error}>
        {(props) => (
          <textarea {...props} rows={2} value={form.description} onChange={(e) => set('description', e.target.value)} />
        )}
      </Field>
      <FormActions
        submit="Agendapunt opslaan"
        busy={busy}
        small
        onCancel={() => {
          guard.saved();
          onCancel();
        }}
      />
      {versioned.dialog}
    </form>
  );
}
