import { ATTENDANCE_LABELS, AttendanceStatus, SessionChange } from '@koers/contracts';
import { formatDateTime } from '../../labels';
import { describeValue, fieldLabel } from './session-fields';

const quoted = (subject: string | null) => (subject ? ` “${subject}”` : '');

/** One sentence per change, in Dutch. */
function headline(change: SessionChange): string {
  const { kind, subject } = change;
  switch (kind) {
    case 'session.create':
      return 'Sessie gepland';
    case 'session.update':
      return 'Sessie gewijzigd';
    case 'agenda.create':
      return change.changes.placement?.to === 'backlog'
        ? `Agendapunt${quoted(subject)} voorgesteld`
        : `Agendapunt${quoted(subject)} toegevoegd`;
    case 'agenda.update':
      return `Agendapunt${quoted(subject)} gewijzigd`;
    case 'agenda.delete':
      return `Agendapunt${quoted(subject)} verwijderd`;
    case 'agenda.reorder':
      return 'Volgorde van de agenda gewijzigd';
    case 'attendance.update':
      return 'Genodigden en aanwezigheid bijgewerkt';
    case 'minutes.create':
      return 'Verslag gemaakt';
    case 'decision.create':
      return `Besluit vastgelegd${quoted(subject)}`;
    case 'decision.update':
      return `Besluit gecorrigeerd${quoted(subject)}`;
    case 'decision.delete':
      return `Besluit verwijderd${quoted(subject)}`;
    default:
      return 'Gewijzigd';
  }
}

const attendance = (value: unknown) =>
  value === null || value === undefined
    ? 'niet op de lijst'
    : (ATTENDANCE_LABELS[value as AttendanceStatus] ?? String(value));

/** The field-by-field lines of a change ("Begin: … wordt …"). */
function details(change: SessionChange): Array<{ key: string; label: string; from: string; to: string }> {
  if (change.kind === 'agenda.create' || change.kind.endsWith('.delete') || change.kind === 'session.create') return [];
  return Object.entries(change.changes).map(([key, { from, to }]) =>
    change.kind === 'attendance.update'
      ? { key, label: key, from: attendance(from), to: attendance(to) }
      : { key, label: fieldLabel(key), from: describeValue(key, from), to: describeValue(key, to) },
  );
}

/** The session's history: who changed what, when (oldest first, as it happened). */
export function SessionHistory({ history }: { history: SessionChange[] }) {
  return (
    <section aria-labelledby="wijzigingen-kop" className="section">
      <h3 id="wijzigingen-kop">Wijzigingen ({history.length})</h3>
      {history.length === 0 ? (
        <p className="muted">Nog geen wijzigingen.</p>
      ) : (
        <ol className="history">
          {history.map((change) => (
            <li key={change.id}>
              <strong>{headline(change)}</strong>
              <div className="small muted">
                {formatDateTime(change.changedAt)} – {change.changedByName ?? 'onbekend'}
              </div>
              {details(change).length > 0 && (
                <ul>
                  {details(change).map((line) => (
                    <li key={line.key}>
                      {line.label}: {line.from} <span aria-hidden="true">→</span>
                      <span className="visually-hidden"> wordt </span> {line.to}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
