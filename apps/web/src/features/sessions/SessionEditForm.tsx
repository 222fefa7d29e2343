import { FormEvent, useState } from 'react';
import { SESSION_STATE_LABELS, SESSION_TYPE_LABELS, SessionDetail } from '@koers/contracts';
import { api, ApiError } from '../../api';
import { asApiError, ErrorMessage, Field, focusFirstInvalid, useFocusOnMount, validate } from '../../components/common';
import { FormActions, SelectField } from '../../components/forms';
import { options } from '../../labels';
import { storedDraft, useFormGuard, useVersionedSave } from '../forms';
import {
  describeValue,
  fieldLabel,
  localMoment,
  localParts,
  SessionFieldValues,
  sessionFields,
} from './session-fields';

/** The form as people fill it in: one date with a begin and end time. */
interface SessionForm {
  type: SessionFieldValues['type'];
  state: SessionFieldValues['state'];
  title: string;
  description: string;
  date: string;
  start: string;
  end: string;
  location: string;
  onlineUrl: string;
}

/** What this browser keeps while the form is not saved: the form and the version it started from. */
interface StoredSessionDraft {
  version: number;
  base: SessionFieldValues;
  form: SessionForm;
}

export const sessionDraftKey = (sessionId: string) => `sessie.${sessionId}`;

function formOf(fields: SessionFieldValues): SessionForm {
  const start = localParts(fields.startsAt);
  const end = localParts(fields.endsAt);
  return {
    type: fields.type,
    state: fields.state,
    title: fields.title,
    description: fields.description,
    date: start.date,
    start: start.time,
    end: end.time,
    location: fields.location ?? '',
    onlineUrl: fields.onlineUrl ?? '',
  };
}

const DAY = 86_400_000;

/** Days between the local dates of begin and end (a session past midnight keeps its length in days). */
function dayOffset(fields: SessionFieldValues): number {
  const start = localParts(fields.startsAt).date;
  const end = localParts(fields.endsAt).date;
  return Math.round((Date.parse(`${end}T12:00:00Z`) - Date.parse(`${start}T12:00:00Z`)) / DAY);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * Edits a planned session: date, time, place, title, kind, status and description. Saves only what changed,
 * with the version it was opened at: when someone else saved in between, the conflict dialog shows both. While
 * unsaved, leaving is asked first and the input is kept in this browser (restored on the next visit).
 */
export function SessionEditForm({
  session,
  onSaved,
  onCancel,
}: {
  session: SessionDetail;
  onSaved: (saved: SessionDetail) => void;
  onCancel: () => void;
}) {
  const draftKey = sessionDraftKey(session.id);
  const [kept] = useState(() => storedDraft<StoredSessionDraft>(draftKey));
  const [base] = useState<{ version: number; fields: SessionFieldValues }>(() =>
    kept ? { version: kept.version, fields: kept.base } : { version: session.version, fields: sessionFields(session) },
  );
  const [form, setForm] = useState<SessionForm>(() => kept?.form ?? formOf(base.fields));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useFocusOnMount<HTMLInputElement>();
  const offset = dayOffset(base.fields);

  const dirty = JSON.stringify(form) !== JSON.stringify(formOf(base.fields));
  const guard = useFormGuard<StoredSessionDraft>({
    dirty,
    draftKey,
    draft: { version: base.version, base: base.fields, form },
  });
  const versioned = useVersionedSave<SessionDetail, SessionFieldValues>({
    fieldsOf: sessionFields,
    labels: fieldLabel,
    format: (key, value) => describeValue(key, value),
    save: (changes, version) => api.updateSession(session.id, changes, version),
    reload: () => api.session(session.id),
    onSaved: (saved) => {
      guard.saved();
      onSaved(saved);
    },
  });

  function set<K extends keyof SessionForm>(key: K, value: SessionForm[K]) {
    setForm((current) => ({ ...current, [key]: value }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const validDate = /^\d{4}-\d{2}-\d{2}$/.test(form.date) && /^\d{2}:\d{2}$/.test(form.start);
    const problem = validate([
      ['title', form.title.trim().length >= 3, 'Geef een titel van minstens 3 tekens.'],
      ['startsAt', validDate, 'Kies een datum en begintijd.'],
      [
        'endsAt',
        /^\d{2}:\d{2}$/.test(form.end) && (offset > 0 || form.end > form.start),
        'De eindtijd ligt na de begintijd.',
      ],
      ['onlineUrl', !form.onlineUrl.trim() || form.onlineUrl.trim().startsWith('https://'), 'Gebruik een https-link.'],
    ]);
    setError(problem);
    if (problem) return focusFirstInvalid(element);
    const draft: SessionFieldValues = {
      type: form.type,
      state: form.state,
      title: form.title.trim(),
      description: form.description,
      startsAt: localMoment(form.date, form.start),
      endsAt: localMoment(addDays(form.date, offset), form.end),
      location: form.location.trim() || null,
      onlineUrl: form.onlineUrl.trim() || null,
    };
    setBusy(true);
    try {
      // Based on the version the form started from, so a change made meanwhile is never overwritten unseen.
      await versioned.submit({ ...session, ...base.fields, version: base.version }, draft);
    } catch (err) {
      setError(asApiError(err));
      focusFirstInvalid(element);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="card form" aria-labelledby="sessie-bewerken-kop">
      <h3 id="sessie-bewerken-kop">Sessie bewerken</h3>
      {kept && (
        <p className="alert alert-info" role="status">
          Uw niet-opgeslagen wijzigingen van een eerder bezoek zijn teruggezet.
        </p>
      )}
      <ErrorMessage error={error} />
      <Field label="Titel" name="title" error={error} required>
        {(props) => (
          <input {...props} ref={titleRef} value={form.title} onChange={(e) => set('title', e.target.value)} />
        )}
      </Field>
      <div className="form-row">
        <SelectField
          label="Soort"
          name="type"
          error={error}
          value={form.type}
          onChange={(type) => set('type', type)}
          choices={options(SESSION_TYPE_LABELS)}
        />
        <SelectField
          label="Status"
          name="state"
          error={error}
          value={form.state}
          onChange={(state) => set('state', state)}
          choices={options(SESSION_STATE_LABELS)}
        />
        <Field label="Datum" name="startsAt" error={error} required>
          {(props) => <input {...props} type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />}
        </Field>
        <Field label="Begintijd" name="start" error={error} required>
          {(props) => (
            <input {...props} type="time" value={form.start} onChange={(e) => set('start', e.target.value)} />
          )}
        </Field>
        <Field label="Eindtijd" name="endsAt" error={error} required>
          {(props) => <input {...props} type="time" value={form.end} onChange={(e) => set('end', e.target.value)} />}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Locatie" name="location" error={error}>
          {(props) => <input {...props} value={form.location} onChange={(e) => set('location', e.target.value)} />}
        </Field>
        <Field label="Online link" name="onlineUrl" error={error} hint="Een https-link, bijvoorbeeld van Teams.">
          {(props) => (
            <input {...props} type="url" value={form.onlineUrl} onChange={(e) => set('onlineUrl', e.target.value)} />
          )}
        </Field>
      </div>
      <Field label="Toelichting" name="description" error={error}>
        {(props) => (
          <textarea {...props} rows={3} value={form.description} onChange={(e) => set('description', e.target.value)} />
        )}
      </Field>
      <p className="hint">
        Een nieuwe datum, tijd, plaats of titel gaat als bijgewerkte uitnodiging naar de genodigden van een geagendeerde
        sessie.
      </p>
      <FormActions
        submit="Wijzigingen opslaan"
        busy={busy}
        onCancel={() => {
          guard.saved();
          onCancel();
        }}
      />
      {versioned.dialog}
    </form>
  );
}
