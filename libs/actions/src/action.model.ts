import {
  ACTION_ORIGINS,
  ACTION_PRIORITIES,
  ACTION_SORTS,
  ACTION_STATUSES,
  Action,
  ActionOrigin,
  ActionPriority,
  ActionSort,
  ActionStatus,
  Dated,
  OPEN_STATUSES,
  STATUSES_WITH_REASON,
} from '@koers/contracts';

export { ACTION_ORIGINS, ACTION_PRIORITIES, ACTION_SORTS, ACTION_STATUSES, OPEN_STATUSES, STATUSES_WITH_REASON };
export type { ActionOrigin, ActionPriority, ActionSort, ActionStatus };

/** An action as the server holds it: the contract's `Action` with its moments as `Date`. */
export type ActionView = Dated<Action, 'createdAt' | 'updatedAt' | 'completedAt'>;

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
