import { FormEvent, useState } from 'react';
import type { ConsultationChange } from '@koers/contracts';
import { api, ApiError } from '../../api';
import {
  asApiError,
  ErrorMessage,
  Field,
  focusFirstInvalid,
  SuccessMessage,
  useApi,
  validate,
} from '../../components/common';
import { FormActions } from '../../components/forms';
import { storedDraft, useFormGuard, useVersionedSave } from '../forms';
import { ContactsEditor } from '../inventory/ContactsEditor';
import { dutchDate } from '../inventory/inventory-api';
import { ConsultationDetail, ConsultationResponse, consultationApi } from './consultation-api';

/** The fields of a consultation that change after the offer, by the API's names. */
interface EditFields extends Record<string, unknown> {
  title: string;
  deadline: string;
  documentReference: string;
}

interface EditForm extends EditFields {
  add: string[];
  remove: string[];
  note: string;
}

/** What this browser keeps while the form is not saved: the form and the version it started from. */
interface StoredEditDraft {
  version: number;
  base: EditFields;
  form: EditForm;
}

const draftKey = (id: string) => `consultatie.${id}`;
const fieldsOf = (d: ConsultationDetail): EditFields => ({
  title: d.title,
  deadline: d.deadline,
  documentReference: d.documentReference,
});
const LABELS: Record<string, string> = {
  title: 'Titel',
  deadline: 'Reageren tot en met',
  documentReference: 'Aangeboden document',
};

/**
 * "Consultatie wijzigen" (secretariat): after the offer the title and the deadline change, the document only
 * while no council has answered, gemeenten are added, or removed while they have neither answer nor points;
 * with a note that goes into the history and to the contacts. Unsaved input is kept as a draft in this
 * browser; a change someone else saved meanwhile is shown side by side (If-Match on the version).
 */
export function ConsultationEditor({ detail, onSaved }: { detail: ConsultationDetail; onSaved: () => void }) {
  const [editing, setEditing] = useState(() => storedDraft(draftKey(detail.id)) !== null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="section" aria-labelledby="consultatie-wijzigen">
      <h2 id="consultatie-wijzigen">Consultatie wijzigen</h2>
      <SuccessMessage message={message} />
      {editing ? (
        <EditForm
          detail={detail}
          onCancel={() => setEditing(false)}
          onSaved={(text) => {
            setEditing(false);
            setMessage(text);
            onSaved();
          }}
        />
      ) : (
        <p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setMessage(null);
              setEditing(true);
            }}
          >
            Consultatie wijzigen
          </button>
        </p>
      )}
    </section>
  );
}

function EditForm({
  detail: d,
  onCancel,
  onSaved,
}: {
  detail: ConsultationDetail;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const gemeenten = useApi(() => api.organisations('gemeente'), []);
  const [kept] = useState(() => storedDraft<StoredEditDraft>(draftKey(d.id)));
  const [base] = useState(() =>
    kept ? { version: kept.version, fields: kept.base } : { version: d.version, fields: fieldsOf(d) },
  );
  const [form, setForm] = useState<EditForm>(() => kept?.form ?? { ...base.fields, add: [], remove: [], note: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const answered = d.answered > 0;
  const blank: EditForm = { ...base.fields, add: [], remove: [], note: '' };
  const dirty = JSON.stringify(form) !== JSON.stringify(blank);
  const guard = useFormGuard<StoredEditDraft>({
    dirty,
    draftKey: draftKey(d.id),
    draft: { version: base.version, base: base.fields, form },
  });
  const lists = () => ({
    addOrganisationIds: form.add.length ? form.add : undefined,
    removeOrganisationIds: form.remove.length ? form.remove : undefined,
    note: form.note.trim() || undefined,
  });
  const done = () => {
    guard.saved();
    onSaved('De consultatie is gewijzigd. De contactpersonen die nog niet reageerden, krijgen bericht.');
  };
  const versioned = useVersionedSave<ConsultationDetail, EditFields>({
    fieldsOf,
    labels: (key) => LABELS[key] ?? key,
    format: (key, value) => (key === 'deadline' && value ? dutchDate(String(value)) : String(value ?? '')),
    save: (changes, version) => consultationApi.update(d.id, { ...changes, ...lists() }, version),
    reload: () => consultationApi.get(d.id),
    onSaved: done,
  });
  const set = <K extends keyof EditForm>(key: K, value: EditForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const asked = new Set(d.responses.map((r) => r.organisationId));
  const addable = (gemeenten.data ?? []).filter((g) => !asked.has(g.id));
  const removable = d.responses.filter((r) => !r.answered && r.points.length === 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const problem = validate([
      ['title', form.title.trim().length >= 3, 'Een titel heeft 3 tot 200 tekens.'],
      [
        'deadline',
        /^\d{4}-\d{2}-\d{2}$/.test(form.deadline) && form.deadline >= d.offeredOn,
        `Kies een datum op of na de dag van aanbieden (${dutchDate(d.offeredOn)}).`,
      ],
    ]);
    setError(problem);
    if (problem) return focusFirstInvalid(element);
    const fields: EditFields = {
      title: form.title.trim(),
      deadline: form.deadline,
      documentReference: form.documentReference.trim(),
    };
    setBusy(true);
    try {
      const changesFields = JSON.stringify(fields) !== JSON.stringify(base.fields);
      if (changesFields) await versioned.submit({ ...d, ...base.fields, version: base.version }, fields);
      else if (form.add.length || form.remove.length) {
        // Only organisations added or removed: nothing that two people could change differently.
        await consultationApi.update(d.id, lists());
        done();
      } else {
        guard.saved();
        onCancel();
      }
    } catch (err) {
      setError(asApiError(err));
      focusFirstInvalid(element);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="card form" aria-label="Consultatie wijzigen">
      {kept && (
        <p className="alert alert-info" role="status">
          Uw niet-opgeslagen wijzigingen van een eerder bezoek zijn teruggezet.
        </p>
      )}
      <ErrorMessage error={error ?? gemeenten.error} />
      <Field label="Titel" name="title" error={error} required>
        {(props) => <input {...props} type="text" value={form.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field
        label="Reageren tot en met"
        name="deadline"
        error={error}
        required
        hint="Een nieuwe datum gaat als bericht naar de contactpersonen die nog niet reageerden; zij worden opnieuw herinnerd."
      >
        {(props) => (
          <input {...props} type="date" value={form.deadline} onChange={(e) => set('deadline', e.target.value)} />
        )}
      </Field>
      <Field
        label="Aangeboden document (kenmerk of bestandsnaam)"
        name="documentReference"
        error={error}
        hint={
          answered
            ? 'Er zijn al reacties op dit document; het verandert niet meer. Bied een nieuwe versie aan als nieuwe consultatie.'
            : 'Kan veranderen zolang geen gemeenteraad heeft gereageerd.'
        }
      >
        {(props) => (
          <input
            {...props}
            type="text"
            value={form.documentReference}
            readOnly={answered}
            aria-readonly={answered}
            onChange={(e) => set('documentReference', e.target.value)}
          />
        )}
      </Field>
      {addable.length > 0 && (
        <details className="gemeente-add">
          <summary>Gemeenten toevoegen ({form.add.length} gekozen)</summary>
          <fieldset className="checkbox-group">
            <legend>Ook vragen</legend>
            <ul className="gemeente-choice">
              {addable.map((g) => (
                <li key={g.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={form.add.includes(g.id)}
                      onChange={(e) =>
                        set('add', e.target.checked ? [...form.add, g.id] : form.add.filter((x) => x !== g.id))
                      }
                    />{' '}
                    {g.name}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </details>
      )}
      {removable.length > 0 && (
        <details className="gemeente-remove">
          <summary>Gemeenten niet meer vragen ({form.remove.length} gekozen)</summary>
          <fieldset className="checkbox-group">
            <legend>Niet meer vragen (alleen gemeenten zonder reactie of punten)</legend>
            <ul className="gemeente-choice">
              {removable.map((r) => (
                <li key={r.organisationId}>
                  <label>
                    <input
                      type="checkbox"
                      checked={form.remove.includes(r.organisationId)}
                      onChange={(e) =>
                        set(
                          'remove',
                          e.target.checked
                            ? [...form.remove, r.organisationId]
                            : form.remove.filter((x) => x !== r.organisationId),
                        )
                      }
                    />{' '}
                    {r.organisationName}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </details>
      )}
      <Field
        label="Toelichting bij de wijziging"
        name="note"
        error={error}
        hint="Komt in de geschiedenis en in het bericht aan de contactpersonen."
      >
        {(props) => <textarea {...props} rows={3} value={form.note} onChange={(e) => set('note', e.target.value)} />}
      </Field>
      <FormActions
        submit="Wijzigingen opslaan"
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

/** The contact people of one gemeente on its card; the secretariat names them here. */
export function ResponseContacts({
  consultationId,
  response: r,
  onChanged,
}: {
  consultationId: string;
  response: ConsultationResponse;
  onChanged: () => void;
}) {
  return (
    <div className="response-contacts">
      <p className="small">
        Contactpersonen: {r.contacts.map((c) => c.displayName).join(', ') || <em>nog niet aangewezen</em>}
      </p>
      <ContactsEditor
        organisationId={r.organisationId}
        organisationName={r.organisationName}
        contacts={r.contacts}
        onSave={async (userIds) => {
          await consultationApi.contacts(consultationId, r.organisationId, userIds);
          onChanged();
        }}
      />
    </div>
  );
}

/** A change in words, as the history shows it. */
export function describeChange(c: ConsultationChange['changes']): string[] {
  const parts: string[] = [];
  if (c.deadline) parts.push(`Reageren tot en met ${dutchDate(c.deadline.to)} (was ${dutchDate(c.deadline.from)})`);
  if (c.title) parts.push(`Titel: “${c.title.to}” (was “${c.title.from}”)`);
  if (c.documentReference)
    parts.push(`Document: ${c.documentReference.to || '(geen)'} (was ${c.documentReference.from || '(geen)'})`);
  if (c.added?.length) parts.push(`Ook gevraagd: ${c.added.join(', ')}`);
  if (c.removed?.length) parts.push(`Niet meer gevraagd: ${c.removed.join(', ')}`);
  if (c.closed) parts.push(c.closed.to ? 'Gesloten' : 'Heropend');
  return parts;
}

const moment = (iso: string) =>
  new Date(iso).toLocaleString('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });

/** The history of changes after the offer, newest first. */
export function ConsultationHistory({ changes }: { changes: ConsultationChange[] }) {
  if (!changes.length) return null;
  return (
    <section className="section" aria-labelledby="geschiedenis">
      <h2 id="geschiedenis">Wijzigingen na het aanbieden</h2>
      <ol className="change-history">
        {changes.map((c) => (
          <li key={c.id}>
            <p>
              <strong>{moment(c.changedAt)}</strong>
              {c.changedByName && <> door {c.changedByName}</>}
              {c.notified > 0 && (
                <span className="muted small">
                  {' '}
                  · {c.notified === 1 ? 'één contactpersoon' : `${c.notified} contactpersonen`} bericht gestuurd
                </span>
              )}
            </p>
            <ul>
              {describeChange(c.changes).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {c.note && <p className="answer-text">Toelichting: {c.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
