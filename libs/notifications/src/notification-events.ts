import type { NotificationView } from './notification.model';

/** Committed notifications and read marks, in the one event map: the /live socket relays them to the bell. */
declare module '@koers/core' {
  interface DomainEvents {
    notification: { userId: string; notification: NotificationView; unreadCount: number };
    'notifications.read': { userId: string; ids: string[] | 'all'; unreadCount: number };
  }
}

export {};
