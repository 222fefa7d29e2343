import type { ActionView } from './action.model';

/**
 * Committed changes to actions, in the one event map (EventBus of @koers/core): for live lists (the /live
 * socket relays `action`) and notifications (`actorId` made the change; `previousOwnerId` owned it before).
 */
declare module '@koers/core' {
  interface DomainEvents {
    'action.created': { workgroupId: string; action: ActionView; actorId: string };
    'action.updated': { workgroupId: string; action: ActionView; actorId: string; previousOwnerId: string | null };
    'action.deleted': { workgroupId: string; action: { id: string; workgroupId: string } };
    /** A comment on an action (its followers hear of it); not relayed on the socket. */
    'action.commented': {
      actionId: string;
      actionTitle: string;
      workgroupId: string;
      actorId: string;
      actorName: string;
    };
  }
}

export type ActionEventName = 'action.created' | 'action.updated' | 'action.deleted';
export const ACTION_EVENTS: readonly ActionEventName[] = ['action.created', 'action.updated', 'action.deleted'];
