import { FormEvent, useState } from 'react';
import { api } from '../../api';
import { ErrorMessage, Loading, SuccessMessage, useApi } from '../../components/common';
import { FormActions, useSubmit } from '../../components/forms';
import { useFormGuard } from '../forms';

export interface NamedContact {
  userId: string;
  displayName: string;
}

/**
 * The secretariat names the contact people of one asked organisation (its active users), in an inventory or
 * a consultation: the same rule for both (docs/strategy-cycle.md, "Contact people"). A disclosure per
 * organisation; the users are loaded when it opens; the choice is saved as a whole. While the choice differs
 * from the saved one, leaving the page is asked first.
 */
export function ContactsEditor({
  organisationId,
  organisationName,
  contacts,
  onSave,
}: {
  organisationId: string;
  organisationName: string;
  contacts: NamedContact[];
  onSave: (userIds: string[]) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="contacts-editor" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        Contactpersonen aanwijzen<span className="visually-hidden"> voor {organisationName}</span>
      </summary>
      {open && (
        <ContactsForm
          organisationId={organisationId}
          organisationName={organisationName}
          contacts={contacts}
          onSave={onSave}
        />
      )}
    </details>
  );
}

function ContactsForm({
  organisationId,
  organisationName,
  contacts,
  onSave,
}: {
  organisationId: string;
  organisationName: string;
  contacts: NamedContact[];
  onSave: (userIds: string[]) => Promise<unknown>;
}) {
  const users = useApi(() => api.users(undefined, organisationId), [organisationId]);
  const saved = contacts.map((c) => c.userId).sort();
  const [chosen, setChosen] = useState<string[]>(saved);
  const [message, setMessage] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit();
  const dirty = JSON.stringify([...chosen].sort()) !== JSON.stringify(saved);
  const guard = useFormGuard({ dirty });
  const active = (users.data ?? []).filter((u) => u.active);
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    submit(event, [], async () => {
      await onSave(chosen);
      guard.saved();
      setMessage(
        chosen.length
          ? `${chosen.length === 1 ? 'Eén contactpersoon' : `${chosen.length} contactpersonen`} opgeslagen voor ${organisationName}.`
          : `${organisationName} heeft nu geen contactpersoon.`,
      );
    });
  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-label={`Contactpersonen van ${organisationName}`}>
      <SuccessMessage message={message} />
      <ErrorMessage error={error ?? users.error} />
      {users.loading && !users.data && <Loading what="De gebruikers" plural />}
      {users.data && active.length === 0 && (
        <p>{organisationName} heeft nog geen actieve gebruikers. Maak eerst een account aan bij Gebruikers.</p>
      )}
      {active.length > 0 && (
        <fieldset className="checkbox-group">
          <legend>Wie vult het antwoord in namens {organisationName}?</legend>
          {error?.fieldMessages('userIds').length ? (
            <p className="field-error">{error.fieldMessages('userIds').join(' ')}</p>
          ) : null}
          {active.map((u) => (
            <label key={u.id} className="checkbox-inline">
              <input
                type="checkbox"
                checked={chosen.includes(u.id)}
                onChange={(e) => {
                  setMessage(null);
                  setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((id) => id !== u.id));
                }}
              />{' '}
              {u.displayName}
              {u.jobTitle && <span className="muted small"> ({u.jobTitle})</span>}
            </label>
          ))}
        </fieldset>
      )}
      {users.data && <FormActions submit="Contactpersonen opslaan" busy={busy} small />}
    </form>
  );
}
