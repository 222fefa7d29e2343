import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AUDIT_OUTCOME_LABELS, AuditEntry, AuditOutcome } from '@koers/contracts';
import { api } from '../../api';
import { ErrorMessage, Loading, PageHeading, Table, useApi } from '../../components/common';
import { Options } from '../../components/forms';
import { formatDateTime, options } from '../../labels';
import { describeEntityType, describeEvent, describeSummary } from './audit-sentences';

const PAGE_SIZE = 50;
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.token',
  'user.create',
  'user.update',
  'organisation.create',
  'organisation.update',
  'organisation.delete',
  'workgroup.create',
  'workgroup.update',
  'workgroup.delete',
  'workgroup.member.add',
  'workgroup.member.update',
  'workgroup.member.remove',
  'workgroup.read',
  'strategy.create',
  'strategy.update',
  'strategy.delete',
  'theme.create',
  'theme.update',
  'theme.delete',
  'focus_area.create',
  'focus_area.update',
  'focus_area.delete',
];
const KNOWN_ENTITY_TYPES = [
  'session',
  'user',
  'organisation',
  'region',
  'strategy',
  'theme',
  'focus_area',
  'workgroup',
  'workgroup_member',
];
const FILTERS = ['action', 'outcome', 'entityType', 'from', 'to'] as const;
type FilterName = (typeof FILTERS)[number];

/** A date input value (yyyy-mm-dd, local) as the start or the end of that day in ISO 8601. */
function dayBoundary(value: string, end: boolean): string | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return date.toISOString();
}

function hasSummary(summary: AuditEntry['summary']): boolean {
  return Boolean(summary && Object.keys(summary).length > 0);
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<
    FilterName,
    string
  >;
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const [draft, setDraft] = useState<Record<FilterName, string>>(applied);
  const key = params.toString();

  const audit = useApi(
    () =>
      api.audit({
        action: applied.action || undefined,
        outcome: applied.outcome || undefined,
        entityType: applied.entityType || undefined,
        from: dayBoundary(applied.from, false),
        to: dayBoundary(applied.to, true),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [key],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) if (draft[name].trim()) next.set(name, draft[name].trim());
    setParams(next);
  }

  function reset() {
    setDraft({ action: '', outcome: '', entityType: '', from: '', to: '' });
    setParams(new URLSearchParams());
  }

  function goTo(target: number) {
    const next = new URLSearchParams(params);
    if (target <= 1) next.delete('pagina');
    else next.set('pagina', String(target));
    setParams(next);
  }

  const total = audit.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const set = (name: FilterName) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [name]: event.target.value });

  return (
    <>
      <PageHeading>Auditlog</PageHeading>
      <p>Alle inlogpogingen, wijzigingen en geweigerde toegang, nieuwste eerst. Tijden in uw lokale tijd.</p>
      <form className="card form filters" onSubmit={apply} aria-labelledby="filters-kop">
        <h2 id="filters-kop" className="visually-hidden">
          Filters
        </h2>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="f-action">Actie</label>
            <input id="f-action" list="audit-actions" value={draft.action} onChange={set('action')} />
            <datalist id="audit-actions">
              {KNOWN_ACTIONS.map((a) => (
                <option key={a} value={a} label={describeEvent(a).text} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="f-outcome">Uitkomst</label>
            <select id="f-outcome" value={draft.outcome} onChange={set('outcome')}>
              <Options choices={options(AUDIT_OUTCOME_LABELS)} empty="Alle uitkomsten" />
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-entity">Entiteittype</label>
            <input id="f-entity" list="audit-entity-types" value={draft.entityType} onChange={set('entityType')} />
            <datalist id="audit-entity-types">
              {KNOWN_ENTITY_TYPES.map((a) => (
                <option key={a} value={a} label={describeEntityType(a)} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="f-from">Vanaf datum</label>
            <input id="f-from" type="date" value={draft.from} onChange={set('from')} />
          </div>
          <div className="field">
            <label htmlFor="f-to">Tot en met datum</label>
            <input id="f-to" type="date" value={draft.to} onChange={set('to')} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Filteren
          </button>
          <button type="button" className="button button-secondary" onClick={reset}>
            Filters wissen
          </button>
        </div>
      </form>

      <ErrorMessage error={audit.error} />
      {audit.loading && !audit.data && <Loading what="Auditregels" plural />}
      {audit.data && (
        <>
          <p role="status">
            {total === 0
              ? 'Geen auditregels gevonden.'
              : `${total} ${total === 1 ? 'regel' : 'regels'}, pagina ${page} van ${pages} (regel ${(page - 1) * PAGE_SIZE + 1}–${Math.min(page * PAGE_SIZE, total)}).`}
          </p>
          {audit.data.items.length > 0 && (
            <Table
              label="Auditregels"
              caption={`Auditlog, pagina ${page}`}
              className="audit-table"
              columns={['Tijdstip', 'Wie', 'Actie', 'Entiteit', 'Uitkomst', 'Samenvatting']}
            >
              {audit.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">
                    <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                  </td>
                  <td>{entry.actorEmail ?? <span className="muted">systeem / onbekend</span>}</td>
                  <td>
                    <EventText code={entry.action} />
                  </td>
                  <td>
                    {describeEntityType(entry.entityType)}
                    {entry.entityId && <span className="muted id"> {entry.entityId.slice(0, 8)}</span>}
                  </td>
                  <td>
                    <OutcomeBadge outcome={entry.outcome} />
                  </td>
                  <td>
                    {hasSummary(entry.summary) ? (
                      <span className="summary">{describeSummary(entry.summary)}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
          {pages > 1 && (
            <nav aria-label="Paginering auditlog" className="pager">
              <button
                type="button"
                className="button button-secondary"
                disabled={page <= 1}
                onClick={() => goTo(page - 1)}
              >
                Vorige pagina
              </button>
              <span>
                Pagina {page} van {pages}
              </span>
              <button
                type="button"
                className="button button-secondary"
                disabled={page >= pages}
                onClick={() => goTo(page + 1)}
              >
                Volgende pagina
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

/** The event in Dutch; a code without a description is shown as the code. */
function EventText({ code }: { code: string }) {
  const { text, known } = describeEvent(code);
  return known ? <span title={code}>{text}</span> : <code>{code}</code>;
}

function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const icon = outcome === 'success' ? '✓' : '✗';
  return (
    <span className={`badge badge-outcome-${outcome}`}>
      <span aria-hidden="true">{icon} </span>
      {AUDIT_OUTCOME_LABELS[outcome] ?? outcome}
    </span>
  );
}
