import { Injectable } from '@nestjs/common';
import type { ActionView } from './action.model';

export type ActionEvent =
  | { type: 'action.created'; workgroupId: string; action: ActionView }
  | { type: 'action.updated'; workgroupId: string; action: ActionView }
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
