import type { IsoDate, IsoDateTime, Uuid } from './common';

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

export const SESSION_EXPORT_FORMATS = ['md', 'html'] as const;
export type SessionExportFormat = (typeof SESSION_EXPORT_FORMATS)[number];

export interface SessionSummary {
  id: Uuid;
  workgroupId: Uuid;
  workgroupName: string;
  type: SessionType;
  state: SessionState;
  title: string;
  description: string;
  startsAt: IsoDateTime;
  endsAt: IsoDateTime;
  location: string | null;
  onlineUrl: string | null;
  minutesDocumentId: Uuid | null;
  minutesDocumentTitle: string | null;
  /** Raised on every change a calendar must follow (date, time, place, title, status): SEQUENCE of the .ics. */
  sequence: number;
  createdBy: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  agendaItemCount: number;
  decisionCount: number;
  upcoming: boolean;
}

export interface AgendaItem {
  id: Uuid;
  sessionId: Uuid;
  placement: AgendaPlacement;
  position: number;
  title: string;
  description: string;
  presenterId: Uuid | null;
  presenterName: string | null;
  minutesAllotted: number | null;
  outcome: AgendaOutcome | null;
  proposedBy: string | null;
  proposedByName: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface Attendee {
  userId: Uuid;
  displayName: string;
  organisationName: string | null;
  role: string | null;
  status: AttendanceStatus;
}

/** An action that came from a decision, as the decision lists it. */
export interface DecisionAction {
  id: Uuid;
  title: string;
  ownerName: string | null;
  dueDate: IsoDate | null;
  status: string;
}

export interface Decision {
  id: Uuid;
  sessionId: Uuid;
  agendaItemId: Uuid | null;
  agendaItemTitle: string | null;
  text: string;
  decidedAt: IsoDateTime;
  createdBy: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  actions: DecisionAction[];
}

/** A decision with the session it was taken in (GET /api/decisions/:id, GET /api/actions/:id/decision). */
export interface DecisionInSession extends Decision {
  session: Pick<SessionSummary, 'id' | 'workgroupId' | 'title' | 'type' | 'state' | 'startsAt'>;
}

export interface SessionDetail extends Omit<SessionSummary, 'agendaItemCount' | 'decisionCount' | 'upcoming'> {
  agenda: AgendaItem[];
  backlog: AgendaItem[];
  totalMinutes: number;
  attendees: Attendee[];
  decisions: Decision[];
  /** Who changed what, oldest first. */
  history: SessionChange[];
  /** What the caller may do with it. */
  permissions: SessionPermissions;
}

/** What the caller may do with a session (decided by the server). */
export interface SessionPermissions {
  /** Change it, its agenda, attendance, minutes and decisions. */
  edit: boolean;
  delete: boolean;
  /** Put an item on its backlog (proposing it for the agenda). */
  proposeAgendaItem: boolean;
}

/** What a history entry is about. */
export const SESSION_CHANGE_KINDS = [
  'session.create',
  'session.update',
  'agenda.create',
  'agenda.update',
  'agenda.delete',
  'agenda.reorder',
  'attendance.update',
  'minutes.create',
  'decision.create',
  'decision.update',
  'decision.delete',
] as const;
export type SessionChangeKind = (typeof SESSION_CHANGE_KINDS)[number];

/** One change in a session's history. */
export interface SessionChange {
  id: Uuid;
  kind: SessionChangeKind;
  /** The agenda item or decision it was about, by its title or text at the time. */
  subject: string | null;
  /** Field by field: `{ startsAt: { from, to } }`; attendance by person name. */
  changes: Record<string, { from: unknown; to: unknown }>;
  changedAt: IsoDateTime;
  changedBy: string | null;
  changedByName: string | null;
}

export interface SessionInput {
  type?: SessionType;
  state?: SessionState;
  title?: string;
  description?: string;
  startsAt?: IsoDateTime;
  endsAt?: IsoDateTime;
  location?: string | null;
  onlineUrl?: string | null;
  inviteeIds?: Uuid[];
}

export interface AgendaItemInput {
  title?: string;
  description?: string;
  placement?: AgendaPlacement;
  presenterId?: Uuid | null;
  presenterName?: string | null;
  minutesAllotted?: number | null;
  outcome?: AgendaOutcome | null;
}

/** A draft for an action created from a decision. */
export interface ActionDraft {
  title: string;
  ownerId?: Uuid | null;
  dueDate?: IsoDate | null;
  focusAreaId?: Uuid | null;
}

export interface AttendanceInput {
  attendees?: Array<{ userId: Uuid; status?: AttendanceStatus }>;
  removeUserIds?: Uuid[];
}

export interface DecisionInput {
  text: string;
  agendaItemId?: Uuid | null;
  actions?: ActionDraft[];
}
