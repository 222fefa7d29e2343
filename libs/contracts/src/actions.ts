import type { IsoDate, IsoDateTime, Uuid } from './common';

export const ACTION_STATUSES = ['open', 'in_uitvoering', 'geblokkeerd', 'afgerond', 'vervallen'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Statuses in which an action still waits on someone. */
export const OPEN_STATUSES: readonly ActionStatus[] = ['open', 'in_uitvoering', 'geblokkeerd'];
/** Statuses that need a reason. */
export const STATUSES_WITH_REASON: readonly ActionStatus[] = ['geblokkeerd', 'vervallen'];

export const ACTION_PRIORITIES = ['hoog', 'normaal', 'laag'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

export const ACTION_ORIGINS = ['sessiebesluit', 'document', 'rvc_verzoek', 'vrij'] as const;
export type ActionOrigin = (typeof ACTION_ORIGINS)[number];

export const ACTION_SORTS = ['due_date', 'priority', 'updated_at', 'title', 'status'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

/** Which slice of a werkgroep's action list to show (a filter, not an action). */
export const ACTION_LIST_VIEWS = ['alle', 'mijn', 'verlopen', 'binnenkort'] as const;
export type ActionListView = (typeof ACTION_LIST_VIEWS)[number];

/** An action as the API shows it, with the names a list needs. */
export interface Action {
  id: Uuid;
  workgroupId: Uuid;
  workgroupName: string;
  focusAreaId: Uuid | null;
  focusAreaTitle: string | null;
  title: string;
  description: string;
  ownerId: Uuid | null;
  ownerName: string | null;
  ownerOrganisationId: Uuid | null;
  ownerOrganisationName: string | null;
  dueDate: IsoDate | null;
  status: ActionStatus;
  statusReason: string | null;
  priority: ActionPriority;
  origin: ActionOrigin;
  originNote: string;
  createdBy: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  completedAt: IsoDateTime | null;
  overdue: boolean;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface ActionComment {
  id: Uuid;
  authorId: Uuid | null;
  authorName: string | null;
  body: string;
  createdAt: IsoDateTime;
}

export interface ActionHistoryEntry {
  changedAt: IsoDateTime;
  changedBy: string | null;
  changedByName: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** What the caller may do with one action (decided by the server). */
export interface ActionPermissions {
  /** Change its fields: any action for who manages the werkgroep's work, else only one's own. */
  edit: boolean;
  /** Give it to someone else (only who manages the work). */
  reassign: boolean;
  delete: boolean;
  comment: boolean;
}

export interface ActionDetail extends Action {
  history: ActionHistoryEntry[];
  comments: ActionComment[];
  /** What the caller may do with it. */
  permissions: ActionPermissions;
}

/** The query of GET /api/workgroups/:id/actions (`status` comma-separated). */
export interface ActionFilters {
  view?: ActionListView;
  status?: string;
  focusAreaId?: Uuid;
  organisationId?: Uuid;
  ownerId?: Uuid;
  sort?: ActionSort;
  order?: 'asc' | 'desc';
  dueWithinDays?: number;
  limit?: number;
  offset?: number;
}

/** The fields of an action that can be set through the API. */
export interface ActionInput {
  title?: string;
  description?: string;
  focusAreaId?: Uuid | null;
  ownerId?: Uuid | null;
  ownerOrganisationId?: Uuid | null;
  dueDate?: IsoDate | null;
  status?: ActionStatus;
  statusReason?: string | null;
  priority?: ActionPriority;
  origin?: ActionOrigin;
  originNote?: string;
}
