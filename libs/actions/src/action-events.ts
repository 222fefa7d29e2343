import { Injectable } from '@nestjs/common';
import type { ActionView } from './action.model';

/**
 * `actorId` (who made the change) and `previousOwnerId` (the owner before an update) serve notifications;
 * they are optional so older publishers stay valid, and the socket relays only `action`.
 */
export type ActionEvent =
  | { type: 'action.created'; workgroupId: string; action: ActionView; actorId?: string }
  | {
      type: 'action.updated';
      workgroupId: string;
      action: ActionView;
      actorId?: string;
      previousOwnerId?: string | null;
    }
  | { type: 'action.deleted'; workgroupId: string; action: { id: string; workgroupId: string } };

/** Committed changes to actions, for live lists (the /live socket relays them to subscribers). */
@Injectable()
export class ActionEvents {
  private readonly listeners: Array<(event: ActionEvent) => void> = [];

  onEvent(listener: (event: ActionEvent) => void): void {
    this.listeners.push(listener);
  }

  publish(event: ActionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
