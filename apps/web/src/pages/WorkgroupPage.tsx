import { FormEvent, Suspense, useMemo, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router-dom';
import { Composition, Me, MembershipRole, ROLE_LABELS, WORKGROUP_KIND_LABELS, WorkgroupDetail } from '@koers/contracts';
import { api, ApiError } from '../api';
import { isSecretariat, useMe } from '../auth';
import { WorkgroupDossier } from '../features/dossier/WorkgroupDossier';
import {
  asApiError,
  ErrorMessage,
  Loading,
  PageHeading,
  ROW_ACTIONS,
  SuccessMessage,
  Table,
  useApi,
} from '../components/common';
import { FormActions, Options, SelectField } from '../components/forms';
import { options } from '../labels';
import { useFunctionLabel, useWords } from '../features/region';
import { CompositionRulesEditor, VersionedRules } from '../features/region/CompositionRulesEditor';
import { NotFoundPage } from './NotFoundPage';
import { Breadcrumbs } from '../components/Breadcrumbs';
import { useConfirm } from '../components/dialog';

export interface WorkgroupContext {
  workgroup: WorkgroupDetail;
  myRole: MembershipRole | null;
  /** May manage actions and sessions (the server's `permissions.manageWork`). */
  canManage: boolean;
  /** May comment, propose and update the actions they own (the server's `permissions.contribute`). */
  canWrite: boolean;
  reload: () => Promise<void>;
  me: Me;
}

/** A tab's load error; a 403 (RVC members, people without a membership) explained in plain Dutch. */
export function TabError({ error, what }: { error: ApiError | null; what: string }) {
  if (error?.status === 403)
    return (
      <ErrorMessage
        error={`U heeft geen toegang tot ${what} van deze werkgroep. Die werkinhoud is alleen voor de leden van de werkgroep en het secretariaat.`}
      />
    );
  return <ErrorMessage error={error} />;
}

export function useWorkgroup() {
  return useOutletContext<WorkgroupContext>();
}

/**
 * The werkgroep frame: heading, facts and the tabs (sub-routes) Overzicht, Documenten, Acties, Sessies,
 * Kennisbank, Voortgang.
 */
export function WorkgroupPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const workgroup = useApi(() => api.workgroup(id), [id]);
  const words = useWords();

  if (workgroup.error) {
    if (workgroup.error.status === 404 || workgroup.error.status === 403 || workgroup.error.status === 400) {
      return (
        <NotFoundPage
          title="Werkgroep niet gevonden of geen toegang"
          message={`Deze werkgroep is niet gevonden of u heeft er geen toegang toe. Alleen leden van een werkgroep, het secretariaat en leden van het ${words.board} kunnen een werkgroep inzien.`}
        />
      );
    }
    return <ErrorMessage error={workgroup.error} />;
  }
  if (!workgroup.data) return <Loading what="De werkgroep" />;
  const w = workgroup.data;
  const myRole = w.myRole ?? me.memberships.find((m) => m.workgroupId === w.id)?.role ?? null;
  const secretariat = isSecretariat(me);
  // What the caller may do is the server's answer (w.permissions), not a rule repeated here.
  const context: WorkgroupContext = {
    workgroup: w,
    myRole,
    canManage: w.permissions.manageWork,
    canWrite: w.permissions.contribute,
    reload: workgroup.reload,
    me,
  };

  return (
    <>
      <Breadcrumbs
        trail={[
          ...(w.theme ? [{ label: 'Strategie', to: `/strategie/${w.theme.strategyId}` }] : []),
          { label: w.name },
        ]}
      />
      <PageHeading>{w.name}</PageHeading>
      <dl className="facts">
        <div>
          <dt>Soort</dt>
          <dd>{WORKGROUP_KIND_LABELS[w.kind] ?? w.kind}</dd>
        </div>
        <div>
          <dt>{words.Theme}</dt>
          <dd>
            {w.theme ? `${w.theme.position}. ${w.theme.title}` : `Geen (rapporteert niet als ${words.themeSingular})`}
          </dd>
        </div>
        <div>
          <dt>Mijn rol</dt>
          <dd>{myRole ? ROLE_LABELS[myRole] : secretariat ? 'Secretariaat (volgt)' : 'Geen lid (inzage)'}</dd>
        </div>
      </dl>
      <nav aria-label="Onderdelen van de werkgroep" className="tabs">
        <ul>
          <li>
            <NavLink to={`/werkgroepen/${w.id}`} end>
              Overzicht
            </NavLink>
          </li>
          <li>
            <NavLink to={`/werkgroepen/${w.id}/documenten`}>Documenten</NavLink>
          </li>
          <li>
            <NavLink to={`/werkgroepen/${w.id}/acties`}>Acties</NavLink>
          </li>
          <li>
            <NavLink to={`/werkgroepen/${w.id}/sessies`}>Sessies</NavLink>
          </li>
          {w.theme && (
            <li>
              <NavLink to={`/werkgroepen/${w.id}/kennisbank`}>Kennisbank</NavLink>
            </li>
          )}
          {w.theme && (
            <li>
              <NavLink to={`/werkgroepen/${w.id}/voortgang`}>Voortgang</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Suspense fallback={<Loading what="Het onderdeel" />}>
        <Outlet context={context} />
      </Suspense>
    </>
  );
}

/** The Overzicht tab: description, onderdelen, composition, members (the documents have a tab of their own). */
export function WorkgroupOverview() {
  const { workgroup: w, reload } = useWorkgroup();
  const location = useLocation();
  const words = useWords();
  // Notification links point at /werkgroepen/<id>?actie=<id>: open the action in the Acties tab.
  const actionId = new URLSearchParams(location.search).get('actie');
  if (actionId) return <Navigate to={`/werkgroepen/${w.id}/acties?actie=${encodeURIComponent(actionId)}`} replace />;

  return (
    <>
      {w.description && <p className="lead">{w.description}</p>}
      {w.theme && w.theme.focusAreas.length > 0 && (
        <details className="card">
          <summary>
            Onderdelen van deze {words.themeSingular} ({w.theme.focusAreas.length})
          </summary>
          <ol className="focus-areas">
            {[...w.theme.focusAreas]
              .sort((a, b) => a.position - b.position)
              .map((area) => (
                <li key={area.id}>{area.title}</li>
              ))}
          </ol>
        </details>
      )}

      <CompositionCheck composition={w.composition} />
      {w.permissions.edit && <CompositionRulesSection workgroup={w} onSaved={reload} />}

      <section aria-labelledby="leden" className="section">
        <h2 id="leden">Leden ({w.members.length})</h2>
        <MembersTable workgroup={w} manage={w.permissions.manageMembers} onChanged={reload} />
      </section>

      {w.permissions.manageMembers && <AddMemberForm workgroup={w} onAdded={reload} />}
      {w.permissions.edit && <WorkgroupDossier workgroupId={w.id} />}
    </>
  );
}

/**
 * The secretariat sets the seats this werkgroep must have filled, based on the werkgroep's version: when
 * someone else changed the seats meanwhile the conflict dialog shows both lists (a change of its name or
 * description meanwhile is simply kept).
 */
function CompositionRulesSection({ workgroup, onSaved }: { workgroup: WorkgroupDetail; onSaved: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const rulesOf = (current: unknown): VersionedRules => {
    const w = current as Pick<WorkgroupDetail, 'compositionRules' | 'version'>;
    return { compositionRules: w.compositionRules, version: w.version };
  };
  return (
    <section className="section" aria-label="Eisen aan de samenstelling">
      <button type="button" className="button button-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        Eisen aan de samenstelling bewerken
      </button>
      {open && (
        <CompositionRulesEditor
          title="Eisen aan de samenstelling"
          rules={rulesOf(workgroup)}
          draftKey={`werkgroep.${workgroup.id}.eisen`}
          onCancel={() => setOpen(false)}
          save={async (compositionRules, version) =>
            rulesOf(await api.updateWorkgroup(workgroup.id, { compositionRules }, version))
          }
          reload={async () => rulesOf(await api.workgroup(workgroup.id))}
          fromCurrent={rulesOf}
          onSaved={onSaved}
        />
      )}
    </section>
  );
}

export function CompositionCheck({ composition }: { composition: Composition }) {
  return (
    <section aria-labelledby="samenstelling" className="section">
      <h2 id="samenstelling">Samenstelling</h2>
      {composition.status === 'geen_eisen' && (
        <p className="composition-status">Geen eisen ingesteld voor de samenstelling van deze werkgroep.</p>
      )}
      {composition.problems.length > 0 && (
        <div className="alert alert-error" aria-labelledby="samenstelling-probleem">
          <h3 id="samenstelling-probleem">De eisen aan de samenstelling kloppen niet:</h3>
          <ul>
            {composition.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {composition.status !== 'geen_eisen' && (
        <p className={composition.complete ? 'composition-status ok' : 'composition-status incomplete'}>
          <span aria-hidden="true" className="icon">
            {composition.complete ? '✓' : '✗'}
          </span>{' '}
          {composition.complete ? 'De samenstelling is compleet.' : 'De samenstelling is niet compleet.'}
        </p>
      )}
      {/* What is missing shows once: as the requirements marked "Ontbreekt" below. */}
      <ul className="requirements">
        {composition.requirements.map((requirement) => (
          <li key={requirement.code} className={requirement.satisfied ? 'ok' : 'not-ok'}>
            <span aria-hidden="true" className="icon">
              {requirement.satisfied ? '✓' : '✗'}
            </span>
            <span>
              <span className="requirement-state">{requirement.satisfied ? 'Aanwezig' : 'Ontbreekt'}:</span>{' '}
              {requirement.label}
              {requirement.satisfiedBy.length > 0 && (
                <span className="muted">
                  {' '}
                  ({requirement.satisfiedBy.map((person) => person.displayName).join(', ')})
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MembersTable({
  workgroup,
  manage,
  onChanged,
}: {
  workgroup: WorkgroupDetail;
  manage: boolean;
  onChanged: () => Promise<void>;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [roles, setRoles] = useState<Record<string, MembershipRole>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const functionLabel = useFunctionLabel();
  const confirm = useConfirm();

  async function changeRole(userId: string, name: string) {
    const role = roles[userId];
    if (!role) return;
    setBusy(userId);
    setError(null);
    setMessage(null);
    try {
      await api.changeMemberRole(workgroup.id, userId, role);
      await onChanged();
      setMessage(`De rol van ${name} is gewijzigd in ${ROLE_LABELS[role]}.`);
      setRoles((current) => {
        const next = { ...current };
        delete next[userId];
        return next;
      });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(null);
    }
  }

  async function remove(userId: string, name: string) {
    if (
      !(await confirm({
        title: `${name} verwijderen uit ${workgroup.name}?`,
        confirmLabel: 'Verwijderen',
        danger: true,
      }))
    )
      return;
    setBusy(userId);
    setError(null);
    setMessage(null);
    try {
      await api.removeMember(workgroup.id, userId);
      await onChanged();
      setMessage(`${name} is uit de werkgroep verwijderd.`);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(null);
    }
  }

  if (workgroup.members.length === 0) return <p>Deze werkgroep heeft nog geen leden.</p>;
  return (
    <>
      <ErrorMessage error={error} />
      <SuccessMessage message={message} />
      <Table
        label="Leden van de werkgroep"
        caption={`Leden van ${workgroup.name}`}
        columns={['Naam', 'Functie', 'Organisatie', 'District', 'Rol in werkgroep', manage && ROW_ACTIONS]}
      >
        {workgroup.members.map((member) => (
          <tr key={member.userId}>
            <th scope="row">
              {member.displayName}
              {!member.active && <span className="badge badge-inactive"> inactief</span>}
            </th>
            <td>{functionLabel(member.function)}</td>
            <td>{member.organisationName}</td>
            <td>{member.districtName ?? '—'}</td>
            {manage ? (
              <td className="role-cell">
                <label className="visually-hidden" htmlFor={`rol-${member.userId}`}>
                  Rol van {member.displayName}
                </label>
                <select
                  id={`rol-${member.userId}`}
                  value={roles[member.userId] ?? member.role}
                  onChange={(event) => setRoles({ ...roles, [member.userId]: event.target.value as MembershipRole })}
                >
                  <Options choices={options(ROLE_LABELS)} />
                </select>
                {roles[member.userId] && roles[member.userId] !== member.role && (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy === member.userId}
                    onClick={() => changeRole(member.userId, member.displayName)}
                  >
                    Opslaan<span className="visually-hidden"> rol van {member.displayName}</span>
                  </button>
                )}
              </td>
            ) : (
              <td>{ROLE_LABELS[member.role] ?? member.role}</td>
            )}
            {manage && (
              <td className="actions">
                <button
                  type="button"
                  className="button button-small button-danger"
                  disabled={busy === member.userId}
                  onClick={() => remove(member.userId, member.displayName)}
                >
                  Verwijderen<span className="visually-hidden"> {member.displayName}</span>
                </button>
              </td>
            )}
          </tr>
        ))}
      </Table>
    </>
  );
}

function AddMemberForm({ workgroup, onAdded }: { workgroup: WorkgroupDetail; onAdded: () => Promise<void> }) {
  const users = useApi(() => api.users(), []);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MembershipRole>('lid');
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const candidates = useMemo(() => {
    const memberIds = new Set(workgroup.members.map((m) => m.userId));
    return (users.data ?? [])
      .filter((u) => u.active && !memberIds.has(u.id))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  }, [users.data, workgroup.members]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    if (!userId) {
      setError(
        new ApiError(400, 'VALIDATION_FAILED', 'Kies een persoon om toe te voegen.', [
          { field: 'userId', messages: ['Kies een persoon.'] },
        ]),
      );
      return;
    }
    setBusy(true);
    try {
      await api.addMember(workgroup.id, userId, role);
      const name = candidates.find((c) => c.id === userId)?.displayName ?? 'De persoon';
      await onAdded();
      setMessage(`${name} is toegevoegd als ${ROLE_LABELS[role]}.`);
      setUserId('');
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="lid-toevoegen" className="section">
      <h2 id="lid-toevoegen">Lid toevoegen</h2>
      <ErrorMessage error={error || users.error} />
      <SuccessMessage message={message} />
      <form onSubmit={onSubmit} noValidate className="card form form-row">
        <SelectField
          label="Persoon"
          name="userId"
          error={error}
          required
          value={userId}
          onChange={setUserId}
          choices={candidates.map((u) => [u.id, `${u.displayName} (${u.email})`])}
          empty={users.loading ? 'Gebruikers worden geladen…' : 'Kies een persoon'}
        />
        <SelectField
          label="Rol in werkgroep"
          name="role"
          error={error}
          required
          value={role}
          onChange={setRole}
          choices={options(ROLE_LABELS)}
        />
        <FormActions submit="Toevoegen" busy={busy} />
      </form>
    </section>
  );
}
