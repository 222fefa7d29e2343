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

/** An action as the API shows it, with the names a list needs. */
export interface ActionView {
  id: string;
  workgroupId: string;
  workgroupName: string;
  focusAreaId: string | null;
  focusAreaTitle: string | null;
  title: string;
  description: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  statusReason: string | null;
  priority: ActionPriority;
  origin: ActionOrigin;
  originNote: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  overdue: boolean;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

/** The fields of an action that can be set through the API. */
export interface ActionFields {
  title: string;
  description: string;
  focusAreaId: string | null;
  ownerId: string | null;
  ownerOrganisationId: string | null;
  dueDate: string | null;
  status: ActionStatus;
  statusReason: string | null;
  priority: ActionPriority;
  origin: ActionOrigin;
  originNote: string;
}

export const ACTION_SORTS = ['due_date', 'priority', 'updated_at', 'title', 'status'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

export interface ActionFilter {
  statuses?: ActionStatus[];
  focusAreaId?: string;
  ownerId?: string;
  organisationId?: string;
  overdueOn?: string;
  dueBetween?: { from: string; to: string };
  sort: ActionSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}
