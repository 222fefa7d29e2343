import { Injectable } from '@nestjs/common';
import type { NotificationView } from './notification.model';

export type NotificationEvent =
  | { type: 'notification'; userId: string; notification: NotificationView; unreadCount: number }
  | { type: 'notifications.read'; userId: string; ids: string[] | 'all'; unreadCount: number };

/** Committed notifications and read marks, for the bell (the /live socket relays them to the user's room). */
@Injectable()
export class NotificationEvents {
  private readonly listeners: Array<(event: NotificationEvent) => void> = [];

  onEvent(listener: (event: NotificationEvent) => void): void {
    this.listeners.push(listener);
  }

  publish(event: NotificationEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
