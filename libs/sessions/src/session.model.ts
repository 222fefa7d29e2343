export const SESSION_TYPES = ['werksessie', 'kennissessie', 'bestuurlijk_overleg'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const SESSION_STATES = ['concept', 'geagendeerd', 'afgerond'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** An agenda item is either on the agenda (ordered) or a proposal in the backlog. */
export const AGENDA_PLACEMENTS = ['agenda', 'backlog'] as const;
export type AgendaPlacement = (typeof AGENDA_PLACEMENTS)[number];

export const AGENDA_OUTCOMES = ['informatie', 'besluit', 'actie'] as const;
export type AgendaOutcome = (typeof AGENDA_OUTCOMES)[number];

export const ATTENDANCE_STATUSES = ['uitgenodigd', 'aanwezig', 'afwezig', 'afgemeld'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  werksessie: 'Werksessie',
  kennissessie: 'Kennissessie',
  bestuurlijk_overleg: 'Bestuurlijk overleg',
};
export const SESSION_STATE_LABELS: Record<SessionState, string> = {
  concept: 'Concept',
  geagendeerd: 'Geagendeerd',
  afgerond: 'Afgerond',
};
export const OUTCOME_LABELS: Record<AgendaOutcome, string> = {
  informatie: 'Informatie',
  besluit: 'Besluit',
  actie: 'Actie',
};
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  uitgenodigd: 'Uitgenodigd',
  aanwezig: 'Aanwezig',
  afwezig: 'Afwezig',
  afgemeld: 'Afgemeld',
};

/** The session row as the repository reads it. */
export interface SessionRow {
  id: string;
  workgroupId: string;
  workgroupName: string;
  type: SessionType;
  state: SessionState;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
  minutesDocumentId: string | null;
  minutesDocumentTitle: string | null;
  sequence: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

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

export interface AgendaItemView {
  id: string;
  sessionId: string;
  placement: AgendaPlacement;
  position: number;
  title: string;
  description: string;
  presenterId: string | null;
  presenterName: string | null;
  minutesAllotted: number | null;
  outcome: AgendaOutcome | null;
  proposedBy: string | null;
  proposedByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface AgendaItemFields {
  placement: AgendaPlacement;
  title: string;
  description: string;
  presenterId: string | null;
  presenterName: string | null;
  minutesAllotted: number | null;
  outcome: AgendaOutcome | null;
}

export interface AttendeeView {
  userId: string;
  displayName: string;
  organisationName: string | null;
  role: string | null;
  status: AttendanceStatus;
}

export interface DecisionActionView {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: string;
}

export interface DecisionView {
  id: string;
  sessionId: string;
  agendaItemId: string | null;
  agendaItemTitle: string | null;
  text: string;
  decidedAt: Date;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  actions: DecisionActionView[];
}

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

/** A draft for an action created from a decision. */
export interface ActionDraft {
  title: string;
  ownerId?: string | null;
  dueDate?: string | null;
  focusAreaId?: string | null;
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
