import {
  AGENDA_OUTCOME_LABELS,
  AgendaItem,
  AgendaOutcome,
  SESSION_STATE_LABELS,
  SESSION_TYPE_LABELS,
  SessionDetail,
  SessionState,
  SessionType,
} from '@koers/contracts';
import { formatDate, formatMoment } from '../../labels';

/** The editable fields of a session, by the names the API uses. */
export interface SessionFieldValues {
  [key: string]: unknown;
  type: SessionType;
  state: SessionState;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
}

export function sessionFields(session: SessionDetail): SessionFieldValues {
  return {
    type: session.type,
    state: session.state,
    title: session.title,
    description: session.description,
    startsAt: new Date(session.startsAt).toISOString(),
    endsAt: new Date(session.endsAt).toISOString(),
    location: session.location,
    onlineUrl: session.onlineUrl,
  };
}

/** The editable fields of an agenda item. */
export interface AgendaItemFieldValues {
  [key: string]: unknown;
  title: string;
  description: string;
  presenterId: string | null;
  presenterName: string | null;
  minutesAllotted: number | null;
  outcome: AgendaOutcome | null;
}

export function agendaItemFields(item: AgendaItem): AgendaItemFieldValues {
  return {
    title: item.title,
    description: item.description,
    presenterId: item.presenterId,
    // The API reads a member's name into presenterName; only a name from outside is the item's own.
    presenterName: item.presenterId ? null : item.presenterName,
    minutesAllotted: item.minutesAllotted,
    outcome: item.outcome,
  };
}

/** Dutch names of the fields, in the edit forms, the conflict dialog and the history. */
export const FIELD_LABELS: Record<string, string> = {
  type: 'Soort',
  state: 'Status',
  title: 'Titel',
  description: 'Toelichting',
  startsAt: 'Begin',
  endsAt: 'Einde',
  location: 'Locatie',
  onlineUrl: 'Online link',
  presenterId: 'Inleider',
  presenterName: 'Inleider van buiten',
  minutesAllotted: 'Minuten',
  outcome: 'Uitkomst',
  placement: 'Plaats',
  order: 'Volgorde',
  text: 'Besluit',
  agendaItemId: 'Agendapunt',
  decidedAt: 'Datum besluit',
};

export const fieldLabel = (key: string) => FIELD_LABELS[key] ?? key;

const PLACEMENT_LABELS: Record<string, string> = { agenda: 'op de agenda', backlog: 'bij de voorstellen' };

/** How a value reads for people; `names` gives member names for ids. */
export function describeValue(key: string, value: unknown, names?: (id: string) => string | undefined): string {
  if (value === null || value === undefined || value === '') return '(leeg)';
  if (key === 'startsAt' || key === 'endsAt') return formatMoment(String(value));
  if (key === 'decidedAt') return formatDate(String(value));
  if (key === 'type') return SESSION_TYPE_LABELS[value as SessionType] ?? String(value);
  if (key === 'state') return SESSION_STATE_LABELS[value as SessionState] ?? String(value);
  if (key === 'outcome') return AGENDA_OUTCOME_LABELS[value as AgendaOutcome] ?? String(value);
  if (key === 'placement') return PLACEMENT_LABELS[String(value)] ?? String(value);
  if (key === 'minutesAllotted') return `${String(value)} minuten`;
  if (key === 'presenterId') return names?.(String(value)) ?? String(value);
  if (key === 'agendaItemId') return 'een ander agendapunt';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** 'YYYY-MM-DD' and 'HH:MM' of a moment in the browser's time zone (as the planning form takes them). */
export function localParts(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** 'YYYY-MM-DD' + 'HH:MM' in the browser's time zone as an ISO moment (with Z). */
export function localMoment(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm).toISOString();
}
