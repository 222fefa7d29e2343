import {
  AGENDA_OUTCOME_LABELS,
  AGENDA_OUTCOMES,
  AGENDA_PLACEMENTS,
  AgendaItem,
  AgendaOutcome,
  AgendaPlacement,
  Attendee,
  ATTENDANCE_LABELS,
  ATTENDANCE_STATUSES,
  Dated,
  Decision,
  DecisionAction,
  SESSION_STATE_LABELS,
  SESSION_STATES,
  SESSION_TYPE_LABELS,
  SESSION_TYPES,
  SessionState,
  SessionChange,
  SessionChangeKind,
  SessionPermissions,
  SessionSummary as WireSessionSummary,
  SessionType,
} from '@koers/contracts';

export {
  AGENDA_OUTCOMES,
  AGENDA_PLACEMENTS,
  ATTENDANCE_LABELS,
  ATTENDANCE_STATUSES,
  SESSION_STATE_LABELS,
  SESSION_STATES,
  SESSION_TYPE_LABELS,
  SESSION_TYPES,
};
export type {
  ActionDraft,
  AgendaOutcome,
  AgendaPlacement,
  AttendanceStatus,
  SessionChangeKind,
  SessionState,
  SessionType,
} from '@koers/contracts';
export type AttendeeView = Attendee;
export type DecisionActionView = DecisionAction;
/** The Dutch names of agenda outcomes. */
export const OUTCOME_LABELS = AGENDA_OUTCOME_LABELS;

/** The session row as the repository reads it: the contract's session with its moments as `Date`. */
export type SessionRow = Dated<
  Omit<WireSessionSummary, 'agendaItemCount' | 'decisionCount' | 'upcoming'>,
  'startsAt' | 'endsAt' | 'createdAt' | 'updatedAt'
>;

/** The fields of a session that can be set through the API. */
export interface SessionFields {
  type: SessionType;
  state: SessionState;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
}

export type AgendaItemView = Dated<AgendaItem, 'createdAt' | 'updatedAt'>;

export interface AgendaItemFields {
  placement: AgendaPlacement;
  title: string;
  description: string;
  presenterId: string | null;
  presenterName: string | null;
  minutesAllotted: number | null;
  outcome: AgendaOutcome | null;
}

export type DecisionView = Dated<Decision, 'decidedAt' | 'createdAt' | 'updatedAt'>;

export interface SessionSummary extends SessionRow {
  agendaItemCount: number;
  decisionCount: number;
  upcoming: boolean;
}

export type SessionChangeView = Dated<SessionChange, 'changedAt'>;

/** A change as the services record it in the session's history. */
export interface SessionChangeRecord {
  kind: SessionChangeKind;
  subject?: string | null;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

/** Fields whose change a calendar must follow: they raise the invitation's SEQUENCE and send it again. */
export const CALENDAR_FIELDS = ['title', 'startsAt', 'endsAt', 'location', 'onlineUrl', 'state'] as const;

export interface SessionDetail extends SessionRow {
  agenda: AgendaItemView[];
  backlog: AgendaItemView[];
  totalMinutes: number;
  attendees: AttendeeView[];
  decisions: DecisionView[];
  history: SessionChangeView[];
}

/** A session as its page shows it: with what the caller may do with it. */
export type SessionView = SessionDetail & { permissions: SessionPermissions };

/** Date and time as the Dutch read it, in Dutch time. */
export function formatDutchDateTime(date: Date): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(date);
}

export function formatDutchTime(date: Date): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', timeStyle: 'short' }).format(date);
}

export function formatDutchDate(date: Date): string {
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/**
 * A moment as the API takes it (checked by the DTO's pattern) as a Date; an Invalid Date for a day the
 * calendar does not have, which `new Date` would silently roll over ("2027-02-30" into 2 March).
 */
export function parseMoment(value: string): Date {
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
  const date = new Date(value);
  if (!year || new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDate() !== Number(day))
    return new Date(Number.NaN);
  return date;
}
