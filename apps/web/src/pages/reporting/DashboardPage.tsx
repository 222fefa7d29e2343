import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Dashboard } from '@koers/contracts';
import { api } from '../../api';
import { isSecretariat, useMe } from '../../auth';
import {
  ErrorMessage,
  Loading,
  PageHeading,
  SuccessMessage,
  Table,
  TableScroll,
  useApi,
} from '../../components/common';
import { formatDate } from '../../labels';
import { NotFoundPage } from '../NotFoundPage';
import { reportingApi } from './reporting-api';
import { ReviewControls } from './ReviewControls';
import { FocusStatus, ReportStatusBadge } from './status';
import { TrendChart } from './TrendChart';
import './reporting.css';
import { useWords } from '../../features/region';

/**
 * `/dashboard` for the secretariat and RVC members: per cycle who submitted (with accept/return for the
 * secretariat), the status matrix, the trend across cycles and overdue actions. RVC members get from the
 * API only what was reported upward.
 */
export function DashboardPage() {
  const words = useWords();
  const me = useMe();
  const allowed = isSecretariat(me) || me.user.rvcMember;
  const strategies = useApi(() => api.strategies(), []);
  const [searchParams, setSearchParams] = useSearchParams();
  const strategyId = searchParams.get('strategie') ?? strategies.data?.[0]?.id ?? '';
  const cycleId = searchParams.get('cyclus') ?? undefined;
  const dashboard = useApi(
    () => (allowed && strategyId ? reportingApi.dashboard(strategyId, cycleId) : Promise.resolve(undefined)),
    [strategyId, cycleId],
  );
  const [message, setMessage] = useState<string | null>(null);
  const strategySelect = useId();
  const cycleSelect = useId();

  if (!allowed) {
    return (
      <NotFoundPage
        title="Geen toegang tot het dashboard"
        message={`Het dashboard is er voor het secretariaat en de leden van het ${words.board}.`}
      />
    );
  }

  function choose(key: 'strategie' | 'cyclus', value: string) {
    const next = new URLSearchParams(searchParams);
    next.set(key, value);
    if (key === 'strategie') next.delete('cyclus');
    setSearchParams(next, { replace: true });
    setMessage(null);
  }

  const d = dashboard.data;
  return (
    <>
      <PageHeading>Dashboard</PageHeading>
      <p className="lead">
        {isSecretariat(me)
          ? 'De voortgang van alle werkgroepen: wie heeft ingediend, de status per onderdeel, de trend en de verlopen acties.'
          : `Wat de werkgroepen aan het ${words.board} hebben gerapporteerd: alleen ingediende rapportages.`}
      </p>
      <ErrorMessage error={strategies.error ?? dashboard.error} />
      {strategies.data && strategies.data.length === 0 && <p>Er is nog geen strategie vastgelegd.</p>}
      {strategies.data && strategies.data.length > 1 && (
        <div className="field cycle-select">
          <label htmlFor={strategySelect}>Strategie</label>
          <select id={strategySelect} value={strategyId} onChange={(e) => choose('strategie', e.target.value)}>
            {strategies.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {!d && !dashboard.error && !strategies.error && <Loading what="Het dashboard" />}
      {d && (
        <>
          {d.cycles.length > 0 && d.currentCycle && (
            <div className="field cycle-select">
              <label htmlFor={cycleSelect}>Rapportagecyclus</label>
              <select id={cycleSelect} value={d.currentCycle.id} onChange={(e) => choose('cyclus', e.target.value)}>
                {[...d.cycles].reverse().map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} ({words.board} {formatDate(c.meetingDate)})
                  </option>
                ))}
              </select>
            </div>
          )}
          <SuccessMessage message={message} />
          <Submissions
            dashboard={d}
            secretariat={isSecretariat(me)}
            onReviewed={async (text) => {
              await dashboard.reload();
              setMessage(text);
            }}
          />
          <StatusMatrix dashboard={d} />
          <section aria-labelledby="trend" className="section">
            <h2 id="trend">Trend over de cycli</h2>
            <TrendChart trend={d.trend} />
          </section>
          <Overdue dashboard={d} />
        </>
      )}
    </>
  );
}

function Submissions({
  dashboard,
  secretariat,
  onReviewed,
}: {
  dashboard: Dashboard;
  secretariat: boolean;
  onReviewed: (message: string) => Promise<void>;
}) {
  const words = useWords();
  const cycle = dashboard.currentCycle;
  if (!cycle) {
    return (
      <section aria-labelledby="indieningen" className="section">
        <h2 id="indieningen">Indieningen</h2>
        <p>
          Er is nog geen rapportagecyclus.{' '}
          {secretariat && <Link to="/rvc">Maak een cyclus aan op de {words.board}-pagina.</Link>}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="indieningen" className="section">
      <h2 id="indieningen">Indieningen: {cycle.title}</h2>
      <p>
        {words.board}-vergadering {formatDate(cycle.meetingDate)}; indienen uiterlijk {formatDate(cycle.reportDeadline)}
        .
      </p>
      <Table
        label="Indieningen per werkgroep"
        caption={`Stand van de rapportages voor ${cycle.title}`}
        columns={['Werkgroep', 'Status', 'Rapportage', secretariat && 'Beoordelen']}
      >
        {dashboard.submissions.map((s) => (
          <tr key={s.workgroupId}>
            <th scope="row">
              <Link to={`/werkgroepen/${s.workgroupId}`}>{s.workgroupName}</Link>
            </th>
            <td>
              <ReportStatusBadge status={s.status} />
            </td>
            <td>
              {s.reportId && ['ingediend', 'geaccepteerd', 'teruggestuurd'].includes(s.status) ? (
                <Link to={`/rapportages/${s.reportId}`}>
                  Lezen<span className="visually-hidden"> rapportage {s.workgroupName}</span>
                </Link>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            {secretariat && (
              <td>
                {s.status === 'ingediend' && s.reportId ? (
                  <ReviewControls reportId={s.reportId} workgroupName={s.workgroupName} onReviewed={onReviewed} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            )}
          </tr>
        ))}
      </Table>
      <h3 id="niet-ingediend">Nog niet ingediend ({dashboard.notYetSubmitted.length})</h3>
      {dashboard.notYetSubmitted.length === 0 ? (
        <p>Alle werkgroepen hebben ingediend.</p>
      ) : (
        <ul aria-labelledby="niet-ingediend">
          {dashboard.notYetSubmitted.map((w) => (
            <li key={w.workgroupId}>
              <Link to={`/werkgroepen/${w.workgroupId}`}>{w.workgroupName}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StatusMatrix({ dashboard }: { dashboard: Dashboard }) {
  const columns = Math.max(0, ...dashboard.matrix.map((w) => w.focusAreas.length));
  const cycleTitle = (id: string | null) => dashboard.cycles.find((c) => c.id === id)?.title ?? null;
  return (
    <section aria-labelledby="statusmatrix" className="section">
      <h2 id="statusmatrix">Status per onderdeel</h2>
      <p className="muted small">
        Uit de laatst ingediende rapportage van elke werkgroep (niet uit teruggestuurde versies).
      </p>
      <TableScroll label="Status per werkgroep en onderdeel">
        <table className="status-matrix">
          <caption className="visually-hidden">Status per werkgroep en onderdeel</caption>
          <thead>
            <tr>
              <th scope="col">Werkgroep</th>
              {Array.from({ length: columns }, (_, i) => (
                <th key={i} scope="col">
                  Onderdeel {i + 1}
                </th>
              ))}
              <th scope="col">Uit rapportage</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.matrix.map((w) => {
              const source = w.focusAreas.find((f) => f.cycleId);
              return (
                <tr key={w.workgroupId}>
                  <th scope="row">{w.workgroupName}</th>
                  {Array.from({ length: columns }, (_, i) => {
                    const f = w.focusAreas[i];
                    return (
                      <td key={i}>
                        {f ? (
                          <>
                            <span className="matrix-title">{f.title}</span>
                            <FocusStatus status={f.status} />
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="small">
                    {source
                      ? `${cycleTitle(source.cycleId) ?? 'Cyclus'}, versie ${source.version}`
                      : 'Nog niets ingediend'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Overdue({ dashboard }: { dashboard: Dashboard }) {
  const { perWorkgroup, perOrganisation } = dashboard.overdue;
  return (
    <section aria-labelledby="verlopen" className="section">
      <h2 id="verlopen">Verlopen acties</h2>
      <p className="muted small">
        {dashboard.overdueSource === 'live'
          ? 'Actueel: open acties waarvan de deadline is verstreken.'
          : 'Volgens de cijfers in de laatst ingediende rapportage van elke werkgroep.'}
      </p>
      <div className="overdue-grid">
        <TableScroll label="Verlopen acties per werkgroep">
          <table className="numbers-table">
            <caption>Per werkgroep</caption>
            <thead>
              <tr>
                <th scope="col">Werkgroep</th>
                <th scope="col" className="number">
                  Verlopen
                </th>
              </tr>
            </thead>
            <tbody>
              {perWorkgroup.map((w) => (
                <tr key={w.workgroupId}>
                  <th scope="row">{w.workgroupName}</th>
                  <td className="number">{w.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableScroll label="Verlopen acties per organisatie">
          <table className="numbers-table">
            <caption>Per organisatie</caption>
            <thead>
              <tr>
                <th scope="col">Organisatie</th>
                <th scope="col" className="number">
                  Verlopen
                </th>
              </tr>
            </thead>
            <tbody>
              {perOrganisation.length === 0 && (
                <tr>
                  <td colSpan={2}>Geen verlopen acties.</td>
                </tr>
              )}
              {perOrganisation.map((o) => (
                <tr key={o.organisationId ?? o.organisationName}>
                  <th scope="row">{o.organisationName}</th>
                  <td className="number">{o.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </section>
  );
}
