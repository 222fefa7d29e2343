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

export interface SessionDetail extends SessionRow {
  agenda: AgendaItemView[];
  backlog: AgendaItemView[];
  totalMinutes: number;
  attendees: AttendeeView[];
  decisions: DecisionView[];
}

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
