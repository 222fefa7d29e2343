import { Link } from 'react-router-dom';
import { api } from '../api';
import { isSecretariat, useMe } from '../auth';
import { ErrorMessage, Loading, PageHeading, useApi } from '../components/common';
import { FUNCTION_LABELS, ORGANISATION_TYPE_LABELS, ROLE_LABELS } from '../labels';

export function HomePage() {
  const me = useMe();
  const workgroups = useApi(() => api.workgroups(), []);
  const strategies = useApi(() => api.strategies(), []);
  const secretariat = isSecretariat(me);
  const strategy = strategies.data?.[0];

  return (
    <>
      <PageHeading title="Overzicht">
        Welkom, {me.user.displayName}
      </PageHeading>
      <p className="lead">
        {me.user.jobTitle ?? FUNCTION_LABELS[me.user.function]}
        {me.organisation && (
          <>
            {' '}
            – {me.organisation.name} ({ORGANISATION_TYPE_LABELS[me.organisation.type]})
          </>
        )}
        {me.user.rvcMember && <> · Lid van het Regionaal Veiligheidscollege</>}
      </p>

      <section aria-labelledby="mijn-werkgroepen" className="section">
        <h2 id="mijn-werkgroepen">{secretariat || me.user.rvcMember ? 'Werkgroepen' : 'Mijn werkgroepen'}</h2>
        {secretariat && <p>Als secretariaat volgt u alle bestuurlijke werkgroepen.</p>}
        <ErrorMessage error={workgroups.error} />
        {workgroups.loading && !workgroups.data && <Loading what="Werkgroepen" />}
        {workgroups.data && workgroups.data.length === 0 && <p>U bent (nog) geen lid van een werkgroep.</p>}
        {workgroups.data && workgroups.data.length > 0 && (
          <ul className="card-list">
            {workgroups.data.map((group) => {
              const role = group.myRole ?? me.memberships.find((m) => m.workgroupId === group.id)?.role ?? null;
              return (
                <li key={group.id} className="card">
                  <h3>
                    <Link to={`/werkgroepen/${group.id}`}>{group.name}</Link>
                  </h3>
                  <p className="muted">Prioriteit: {group.themeTitle}</p>
                  <dl className="inline-dl">
                    <div>
                      <dt>Mijn rol</dt>
                      <dd>{role ? ROLE_LABELS[role] : secretariat ? 'Secretariaat (volgt)' : 'Geen lid (inzage)'}</dd>
                    </div>
                    <div>
                      <dt>Leden</dt>
                      <dd>{group.memberCount}</dd>
                    </div>
                  </dl>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="strategie-kop" className="section">
        <h2 id="strategie-kop">Regionale Veiligheidsstrategie</h2>
        <ErrorMessage error={strategies.error} />
        {strategy ? (
          <p>
            <Link to={`/strategie/${strategy.id}`}>{strategy.title}</Link>
            {strategy.motto && <span className="muted"> – “{strategy.motto}”</span>}
          </p>
        ) : (
          !strategies.loading && !strategies.error && <p>Er is nog geen strategie vastgelegd.</p>
        )}
      </section>
    </>
  );
}
