import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  InvitationDelivery,
  Organisation,
  PLATFORM_ROLE_LABELS,
  PlatformRole,
  User,
  UserInput,
} from '@koers/contracts';
import { api } from '../../api';
import { InvitationPanel, InvitationResult, MfaResetPanel } from '../../features/account';
import {
  Check,
  CheckboxField,
  EMAIL_PATTERN,
  ErrorMessage,
  Field,
  Loading,
  PageHeading,
  ROW_ACTIONS,
  SuccessMessage,
  Table,
  useApi,
} from '../../components/common';
import { FormActions, SelectField, useSubmit } from '../../components/forms';
import { useGuardedForm, useVersionedSave } from '../../features/forms';
import { options } from '../../labels';
import { useFunctionLabel, useFunctions, useWords } from '../../features/region';
import { NotFoundPage } from '../NotFoundPage';

export function UsersPage() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const users = useApi(() => api.users(search || undefined), [search]);
  const organisations = useApi(() => api.organisations(), []);
  const [showCreate, setShowCreate] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const words = useWords();
  const functionLabel = useFunctionLabel();
  const [invited, setInvited] = useState<{ user: User; invitation: InvitationDelivery } | null>(null);
  const orgName = useMemo(() => new Map((organisations.data ?? []).map((o) => [o.id, o.name])), [organisations.data]);

  return (
    <>
      <PageHeading>Gebruikers</PageHeading>
      <SuccessMessage message={message} />
      {invited && <InvitationResult user={invited.user} invitation={invited.invitation} />}
      <form
        role="search"
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label htmlFor="zoek-gebruiker">Zoek op naam of e-mailadres</label>
        <input id="zoek-gebruiker" type="search" value={q} onChange={(event) => setQ(event.target.value)} />
        <button type="submit" className="button button-secondary">
          Zoeken
        </button>
        <button type="button" className="button" aria-expanded={showCreate} onClick={() => setShowCreate(!showCreate)}>
          Nieuwe gebruiker
        </button>
      </form>
      {showCreate && (
        <UserForm
          organisations={organisations.data ?? []}
          onSaved={async (user, invitation) => {
            setShowCreate(false);
            setMessage(`Gebruiker ${user.displayName} is aangemaakt.`);
            setInvited(invitation ? { user, invitation } : null);
            await users.reload();
          }}
          onCancel={() => setShowCreate(false)}
        />
      )}
      <ErrorMessage error={users.error || organisations.error} />
      {users.loading && !users.data && <Loading what="Gebruikers" plural />}
      {users.data && (
        <>
          <p role="status">
            {users.data.length} {users.data.length === 1 ? 'gebruiker' : 'gebruikers'}
            {search && ` gevonden voor “${search}”`}
          </p>
          <Table
            label="Gebruikers"
            caption="Gebruikers"
            columns={['Naam', 'E-mailadres', 'Functie', 'Organisatie', 'Platformrol', 'Status', ROW_ACTIONS]}
          >
            {users.data.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  {user.displayName}
                  {user.rvcMember && <span className="badge"> {words.board}-lid</span>}
                </th>
                <td>{user.email}</td>
                <td>{functionLabel(user.function)}</td>
                <td>{orgName.get(user.organisationId) ?? '—'}</td>
                <td>{PLATFORM_ROLE_LABELS[user.platformRole]}</td>
                <td>{userStatus(user)}</td>
                <td>
                  <Link to={`/beheer/gebruikers/${user.id}`}>
                    Bewerken<span className="visually-hidden"> {user.displayName}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}

/** The fields the edit form changes, by the names the API uses. */
type UserFieldValues = Pick<
  UserInput,
  'displayName' | 'function' | 'organisationId' | 'platformRole' | 'rvcMember' | 'active'
>;

const userFields = (user: User): UserFieldValues => ({
  displayName: user.displayName,
  function: user.function,
  organisationId: user.organisationId,
  platformRole: user.platformRole,
  rvcMember: user.rvcMember,
  active: user.active,
});

const USER_FIELD_LABELS: Record<string, string> = {
  displayName: 'Naam',
  function: 'Functie',
  organisationId: 'Organisatie',
  platformRole: 'Platformrol',
  active: 'Actief',
};

function userStatus(user: User): string {
  if (!user.active) return 'Inactief';
  if (user.locked) return 'Geblokkeerd';
  if (user.invitationPending) return 'Uitgenodigd';
  return 'Actief';
}

interface UserFormProps {
  user?: User;
  organisations: Organisation[];
  onSaved: (user: User, invitation?: InvitationDelivery) => void | Promise<void>;
  onCancel?: () => void;
}

/** Create (no `user`) or edit a user. */
function UserForm({ user, organisations, onSaved, onCancel }: UserFormProps) {
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [fn, setFn] = useState<string>(user?.function ?? 'ambtenaar');
  const [organisationId, setOrganisationId] = useState(user?.organisationId ?? '');
  const [platformRole, setPlatformRole] = useState<PlatformRole>(user?.platformRole ?? 'gebruiker');
  const [rvcMember, setRvcMember] = useState(user?.rvcMember ?? false);
  const [active, setActive] = useState(user?.active ?? true);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // A new-user form opens on a button press: take the user there.
    if (!user) {
      headingRef.current?.scrollIntoView?.({ block: 'center' });
      headingRef.current?.focus();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const { error, busy, submit } = useSubmit();
  const guard = useGuardedForm({ values: { email, displayName, fn, organisationId, platformRole, rvcMember, active } });
  const functions = useFunctions();
  const functionLabel = useFunctionLabel();
  const words = useWords();
  const versioned = useVersionedSave<User, UserFieldValues>({
    fieldsOf: userFields,
    labels: (key) => (key === 'rvcMember' ? `Lid van het ${words.boardName}` : (USER_FIELD_LABELS[key] ?? key)),
    format: (key, value) => {
      if (typeof value === 'boolean') return value ? 'Ja' : 'Nee';
      if (key === 'organisationId') return organisations.find((o) => o.id === value)?.name ?? String(value ?? '');
      if (key === 'platformRole') return PLATFORM_ROLE_LABELS[value as PlatformRole] ?? String(value);
      if (key === 'function') return functionLabel(value as string);
      return value == null ? '' : String(value);
    },
    save: (changes, version) => api.updateUser(user!.id, changes, version),
    reload: () => api.user(user!.id),
    onSaved: (saved) => {
      guard.saved();
      void onSaved(saved);
    },
  });
  const sortedOrganisations = useMemo(
    () => [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    [organisations],
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const checks: Check[] = [
      ['email', Boolean(user) || EMAIL_PATTERN.test(email.trim()), 'Vul een geldig e-mailadres in.'],
      ['displayName', displayName.trim().length >= 2, 'Vul een naam in van minstens 2 tekens.'],
      ['organisationId', Boolean(organisationId), 'Kies een organisatie.'],
    ];
    return submit(event, checks, async () => {
      const input: UserInput = {
        displayName: displayName.trim(),
        function: fn,
        organisationId,
        platformRole,
        rvcMember,
      };
      // An edit sends only what changed, based on the version the form opened with: a change someone else
      // made meanwhile is combined, or shown beside this one in the conflict dialog.
      if (user) return void (await versioned.submit(user, { ...input, active }));
      const { invitation, ...created } = await api.createUser({ ...input, email: email.trim() });
      guard.saved();
      await onSaved(created, invitation);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card form" aria-labelledby={user ? 'gegevens-kop' : 'nieuw-kop'}>
      <h2 id={user ? 'gegevens-kop' : 'nieuw-kop'} ref={headingRef} tabIndex={-1}>
        {user ? 'Gegevens' : 'Nieuwe gebruiker'}
      </h2>
      <ErrorMessage error={error} title="Opslaan is niet gelukt." />
      {!user && (
        <Field label="E-mailadres" name="email" error={error} required>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
      )}
      <Field label="Naam" name="displayName" error={error} required>
        {(props) => <input {...props} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />}
      </Field>
      <SelectField
        label="Functie"
        name="function"
        error={error}
        required
        value={fn}
        onChange={setFn}
        hint="Wat deze persoon is; de samenstelling van werkgroepen leest dit. Functies beheert u bij Beheer › Regio."
        choices={functions.map((f) => [f.code, f.label])}
      />
      <SelectField
        label="Organisatie"
        name="organisationId"
        error={error}
        required
        value={organisationId}
        onChange={setOrganisationId}
        choices={sortedOrganisations.map((o) => [o.id, o.name])}
        empty="Kies een organisatie"
      />
      <SelectField
        label="Platformrol"
        name="platformRole"
        error={error}
        hint="Het secretariaat kan alles beheren en alle werkgroepen volgen."
        value={platformRole}
        onChange={setPlatformRole}
        choices={options(PLATFORM_ROLE_LABELS)}
      />
      <CheckboxField
        name="rvcMember"
        label={`Lid van het ${words.boardName}${words.boardAbbreviation ? ` (${words.boardAbbreviation})` : ''}`}
        checked={rvcMember}
        onChange={setRvcMember}
      />
      {user && <CheckboxField name="active" label="Actief (kan inloggen)" checked={active} onChange={setActive} />}
      {!user && (
        <p className="hint">
          De persoon krijgt een uitnodiging om zelf een wachtwoord te kiezen (per e-mail, of als link die u doorgeeft
          wanneer deze installatie geen e-mail verstuurt).
        </p>
      )}
      <FormActions submit={user ? 'Opslaan' : 'Gebruiker aanmaken en uitnodigen'} busy={busy} onCancel={onCancel} />
      {versioned.dialog}
    </form>
  );
}

export function UserEditPage() {
  const { id = '' } = useParams();
  const user = useApi(() => api.user(id), [id]);
  const organisations = useApi(() => api.organisations(), []);
  const [message, setMessage] = useState<string | null>(null);

  if (user.error?.status === 404 || user.error?.status === 400)
    return <NotFoundPage title="Gebruiker niet gevonden" message="Deze gebruiker bestaat niet." />;
  if (user.error) return <ErrorMessage error={user.error} />;
  if (!user.data || !organisations.data) return <Loading what="De gebruiker" />;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/beheer/gebruikers">Gebruikers</Link> <span aria-hidden="true">›</span> Bewerken
      </p>
      <PageHeading title={`Gebruiker ${user.data.displayName}`}>{user.data.displayName}</PageHeading>
      <p className="muted">
        {user.data.email} · {userStatus(user.data)}
      </p>
      <SuccessMessage message={message} />
      <UserForm
        key={`${user.data.id}.${user.data.version}`}
        user={user.data}
        organisations={organisations.data}
        onSaved={(saved) => {
          user.setData(saved);
          setMessage('De gegevens zijn opgeslagen.');
        }}
      />
      <InvitationPanel user={user.data} />
      <MfaResetPanel user={user.data} />
    </>
  );
}
