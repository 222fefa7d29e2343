import { Link } from 'react-router-dom';
import {
  ACTION_STATUS_LABELS,
  ActionStatus,
  ChangeItem,
  DOCUMENT_KIND_LABELS,
  DocumentKind,
  Me,
  NOTIFICATION_KIND_LABELS,
  ORGANISATION_TYPE_LABELS,
  ROLE_LABELS,
  SESSION_TYPE_LABELS,
  SessionSummary,
  WORKGROUP_KIND_LABELS,
} from '@koers/contracts';
import { api } from '../api';
import { isSecretariat, useMe } from '../auth';
import { ErrorMessage, Loading, PageHeading, Table, useApi } from '../components/common';
import { formatDate, formatDateTime, formatMoment } from '../labels';
import { LoadMore, usePagedList } from '../components/paging';
import { OverdueMarker } from './work/ActionsTab';
import { useLive } from '../live';
import { useFunctionLabel, useWords } from '../features/region';
import { InventoryTasks } from '../features/inventory/InventoryTasks';
import { ConsultationTasks } from '../features/consultation/ConsultationTasks';

export function HomePage() {
  const me = useMe();
  const workgroups = useApi(() => api.workgroups(), []);
  const strategies = useApi(() => api.strategies(), []);
  const secretariat = isSecretariat(me);
  const words = useWords();
  const functionLabel = useFunctionLabel();
  const strategy = strategies.data?.[0];

  return (
    <>
      <PageHeading title="Overzicht">Welkom, {me.user.displayName}</PageHeading>
      <p className="lead">
        {functionLabel(me.user.function)}
        {me.organisation && (
          <>
            {' '}
            – {me.organisation.name} ({ORGANISATION_TYPE_LABELS[me.organisation.type]})
          </>
        )}
        {me.user.rvcMember && <> · Lid van het {words.boardName}</>}
      </p>

      <InventoryTasks />
      <ConsultationTasks />
      <AttentionSection />
      <RecentWorkSections />
      <MyActionsSection />
      <UpcomingSessionsSection me={me} />

      <section aria-labelledby="mijn-werkgroepen" className="section">
        <h2 id="mijn-werkgroepen">{secretariat || me.user.rvcMember ? 'Werkgroepen' : 'Mijn werkgroepen'}</h2>
        {secretariat && <p>Als secretariaat volgt u alle bestuurlijke werkgroepen.</p>}
        <ErrorMessage error={workgroups.error} />
        {workgroups.loading && !workgroups.data && <Loading what="Werkgroepen" plural />}
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
                  <p className="muted">
                    {group.themeTitle
                      ? `${words.Theme}: ${group.themeTitle}`
                      : `${WORKGROUP_KIND_LABELS[group.kind] ?? 'Groep'} zonder ${words.themeSingular}`}
                  </p>
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
        <h2 id="strategie-kop">{words.strategyName}</h2>
        <ErrorMessage error={strategies.error} />
        {strategy && (
          <p>
            <Link to={`/strategie/${strategy.id}`}>{strategy.title}</Link>
            {strategy.motto && <span className="muted"> – “{strategy.motto}”</span>}
          </p>
        )}
        {strategies.data && strategies.data.length > 1 && (
          <p>
            Ook:{' '}
            {strategies.data.slice(1).map((other, i) => (
              <span key={other.id}>
                {i > 0 && ', '}
                <Link to={`/strategie/${other.id}`}>{other.title}</Link>
              </span>
            ))}
          </p>
        )}
        {!strategy && !strategies.loading && !strategies.error && <p>Er is nog geen strategie vastgelegd.</p>}
      </section>
    </>
  );
}

/** "Vraagt uw aandacht": my overdue and nearly due actions and unread notifications. */
const REPORT_STATUS_LABELS: Record<string, string> = {
  niet_gestart: 'nog niet begonnen',
  concept: 'concept',
  teruggestuurd: 'teruggestuurd, graag aanpassen',
  ingediend: 'ingediend',
};

function AttentionSection() {
  const attention = useApi(() => api.attention(), []);
  useLive({ notification: () => void attention.reload(), 'notifications.read': () => void attention.reload() });
  const a = attention.data;
  return (
    <section aria-labelledby="aandacht" className="section">
      <h2 id="aandacht">Vraagt uw aandacht</h2>
      <ErrorMessage error={attention.error} />
      {attention.loading && !a && <Loading what="Wat uw aandacht vraagt" />}
      {a && a.total === 0 && (
        <p>
          Niets dat op u wacht. Geen verlopen of bijna verlopen acties, geen rapportages en geen ongelezen meldingen.
        </p>
      )}
      {a && a.total > 0 && (
        <div className="card">
          {a.overdue.length > 0 && (
            <>
              <h3>
                <span aria-hidden="true">⚠ </span>Verlopen ({a.overdue.length})
              </h3>
              <ul>
                {a.overdue.map((item) => (
                  <li key={item.id}>
                    <Link to={item.link}>{item.title}</Link> – deadline {formatDate(item.dueDate)} (verlopen) ·{' '}
                    {item.workgroupName}
                  </li>
                ))}
              </ul>
            </>
          )}
          {a.dueSoon.length > 0 && (
            <>
              <h3>
                Deadline tot en met {formatDate(a.dueSoonUntil)} ({a.dueSoon.length})
              </h3>
              <ul>
                {a.dueSoon.map((item) => (
                  <li key={item.id}>
                    <Link to={item.link}>{item.title}</Link> – deadline {formatDate(item.dueDate)} ·{' '}
                    {item.workgroupName}
                  </li>
                ))}
              </ul>
            </>
          )}
          {a.reports.length > 0 && (
            <>
              <h3>Voortgangsrapportages ({a.reports.length})</h3>
              <ul>
                {a.reports.map((report) => (
                  <li key={`${report.task}-${report.workgroupId}-${report.cycleId}`}>
                    {report.task === 'indienen' ? 'Indienen' : 'Beoordelen'}: {report.cycleTitle} –{' '}
                    <Link
                      to={
                        report.task === 'beoordelen' && report.reportId
                          ? `/rapportages/${report.reportId}`
                          : `/werkgroepen/${report.workgroupId}/voortgang?cyclus=${report.cycleId}`
                      }
                    >
                      {report.workgroupName}
                    </Link>
                    {report.task === 'indienen'
                      ? ` (uiterlijk ${formatDate(report.deadline)}; ${REPORT_STATUS_LABELS[report.status] ?? report.status})`
                      : ' (ingediend)'}
                  </li>
                ))}
              </ul>
            </>
          )}
          {a.workgroupOverdue.length > 0 && (
            <>
              <h3>Verlopen acties in uw werkgroep ({a.workgroupOverdue.length})</h3>
              <ul>
                {a.workgroupOverdue.map((item) => (
                  <li key={item.id}>
                    <Link to={item.link}>{item.title}</Link> – {item.ownerName ?? 'geen eigenaar'}, deadline{' '}
                    {formatDate(item.dueDate)} (verlopen) · {item.workgroupName}
                  </li>
                ))}
              </ul>
            </>
          )}
          {a.notifications.unreadCount > 0 && (
            <>
              <h3>Ongelezen meldingen ({a.notifications.unreadCount})</h3>
              <ul>
                {a.notifications.items.map((n) => (
                  <li key={n.id}>
                    {/* The title already says what happened ("Besluit: …"): the kind goes in the small print. */}
                    {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}{' '}
                    <span className="muted small">
                      ({NOTIFICATION_KIND_LABELS[n.kind] ?? n.kind}, {formatDateTime(n.createdAt)})
                    </span>
                    {n.detail && <span className="notification-detail"> “{n.detail}”</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

const CHANGE_LABELS: Record<ChangeItem['kind'], string> = {
  document_gewijzigd: 'Document gewijzigd',
  actie_nieuw: 'Nieuwe actie',
  actie_gewijzigd: 'Actie gewijzigd',
  actie_afgerond: 'Actie afgerond',
  sessie_nieuw: 'Nieuwe sessie',
  rapportage_teruggestuurd: 'Rapportage teruggestuurd',
  rapportage_geaccepteerd: 'Rapportage geaccepteerd',
};

/** "Recente documenten" and "Sinds uw vorige bezoek", from one call that also records this visit. */
function RecentWorkSections() {
  const feed = useApi(() => api.home(), []);
  const f = feed.data;
  return (
    <>
      <section aria-labelledby="sinds-bezoek" className="section">
        <h2 id="sinds-bezoek">{f?.since ? 'Sinds uw vorige bezoek' : 'Veranderd in de afgelopen week'}</h2>
        <ErrorMessage error={feed.error} />
        {feed.loading && !f && <Loading what="Wat er is veranderd" />}
        {f && f.since && (
          <p className="small muted">Veranderingen in uw werkgroepen sinds {formatDateTime(f.since)}.</p>
        )}
        {f && f.changes.length === 0 && <p>Er is niets veranderd in uw werkgroepen.</p>}
        {f && f.changes.length > 0 && (
          <ul className="change-list">
            {f.changes.map((c) => (
              <li key={`${c.kind}-${c.id}`}>
                <span className="small">{CHANGE_LABELS[c.kind] ?? c.kind}:</span> <Link to={c.link}>{c.title}</Link>{' '}
                <span className="muted small">
                  · {c.workgroupName} · {formatDateTime(c.at)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {f && f.changeCount > f.changes.length && (
          <p className="small">
            De laatste {f.changes.length} van {f.changeCount} veranderingen.
          </p>
        )}
      </section>
      <section aria-labelledby="recente-documenten" className="section">
        <h2 id="recente-documenten">Recente documenten</h2>
        {feed.loading && !f && <Loading what="De documenten" />}
        {f && f.recentDocuments.length === 0 && <p>Er zijn nog geen documenten in uw werkgroepen.</p>}
        {f && f.recentDocuments.length > 0 && (
          <ul className="card-list">
            {f.recentDocuments.map((d) => (
              <li key={d.id} className="card">
                <h3>
                  <Link to={`/documenten/${d.id}`}>{d.title}</Link>
                </h3>
                <p className="small">
                  {DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.kind} · {d.workgroupName}
                  <br />
                  Laatst gewijzigd {formatDateTime(d.updatedAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function MyActionsSection() {
  const actions = usePagedList((limit, offset) => api.myActions({ limit, offset }), [], 50, 500);
  const items = actions.data?.items ?? [];
  return (
    <section aria-labelledby="mijn-acties" className="section">
      <h2 id="mijn-acties">Mijn acties</h2>
      <ErrorMessage error={actions.error} />
      {actions.loading && !actions.data && <Loading what="Uw acties" plural />}
      {actions.data && items.length === 0 && <p>U heeft geen openstaande acties.</p>}
      {items.length > 0 && (
        <Table
          label="Mijn acties"
          cards
          caption="Mijn openstaande acties"
          columns={['Actie', 'Werkgroep', 'Status', 'Deadline']}
        >
          {items.map((action) => (
            <tr key={action.id}>
              <th scope="row">
                <Link to={`/werkgroepen/${action.workgroupId}/acties?actie=${action.id}`}>{action.title}</Link>
              </th>
              <td>{action.workgroupName}</td>
              <td>{ACTION_STATUS_LABELS[action.status as ActionStatus] ?? action.status}</td>
              <td>
                {formatDate(action.dueDate)}
                {action.overdue && <OverdueMarker />}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {actions.data && (
        <LoadMore
          shown={items.length}
          total={actions.data.total}
          what="acties"
          one="actie"
          busy={actions.loadingMore}
          error={actions.moreError}
          onLoadMore={actions.loadMore}
        />
      )}
    </section>
  );
}

/** The coming sessions of the werkgroepen I am a member of. */
function UpcomingSessionsSection({ me }: { me: Me }) {
  const ids = me.memberships.map((m) => m.workgroupId);
  const sessions = useApi(async () => {
    const lists = await Promise.all(
      ids.map((id) => api.sessions(id, 'concept,geagendeerd').catch(() => [] as SessionSummary[])),
    );
    const now = Date.now();
    return lists
      .flat()
      .filter((s) => new Date(s.endsAt).getTime() >= now)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .slice(0, 8);
  }, [ids.join(',')]);
  if (ids.length === 0) return null;
  return (
    <section aria-labelledby="komende-sessies" className="section">
      <h2 id="komende-sessies">Komende sessies</h2>
      <ErrorMessage error={sessions.error} />
      {sessions.loading && !sessions.data && <Loading what="Sessies" plural />}
      {sessions.data && sessions.data.length === 0 && <p>Er zijn geen sessies gepland in uw werkgroepen.</p>}
      {sessions.data && sessions.data.length > 0 && (
        <ul className="card-list">
          {sessions.data.map((s) => (
            <li key={s.id} className="card">
              <h3>
                <Link to={`/werkgroepen/${s.workgroupId}/sessies/${s.id}`}>{s.title}</Link>
              </h3>
              <p className="small">
                {SESSION_TYPE_LABELS[s.type]} · {formatMoment(s.startsAt)}
                <br />
                {s.workgroupName}
                {s.location && <> · {s.location}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
