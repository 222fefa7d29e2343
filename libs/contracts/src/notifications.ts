import type { IsoDate, IsoDateTime, Page } from './common';

/**
 * toegewezen: an action was assigned to me; binnenkort: my action is due soon; verlopen: overdue; besluit: a
 * decision concerns me; vermelding: someone mentioned me (@) in a comment on a document.
 */
export const NOTIFICATION_KINDS = ['toegewezen', 'binnenkort', 'verlopen', 'besluit', 'vermelding'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: string;
  kind: NotificationKind;
  title: string;
  entityType: string | null;
  entityId: string | null;
  workgroupId: string | null;
  /** Where the web client opens it. */
  link: string | null;
  createdAt: IsoDateTime;
  readAt: IsoDateTime | null;
}

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

/** An open action as the attention view lists it. */
export interface AttentionAction {
  id: string;
  title: string;
  workgroupId: string;
  workgroupName: string;
  dueDate: IsoDate;
  status: string;
  priority: string;
  link: string;
}

/** A progress report that waits on someone: to submit (aanjager) or to accept/return (secretariat). */
export interface AttentionReport {
  task: 'indienen' | 'beoordelen';
  workgroupId: string;
  workgroupName: string;
  cycleId: string;
  cycleTitle: string;
  deadline: IsoDate;
  status: 'niet_gestart' | 'concept' | 'teruggestuurd' | 'ingediend';
  reportId: string | null;
}

/** GET /api/me/attention: what waits on me now. */
export interface Attention {
  today: IsoDate;
  dueSoonUntil: IsoDate;
  overdue: AttentionAction[];
  dueSoon: AttentionAction[];
  reports: AttentionReport[];
  notifications: { unreadCount: number; items: Notification[] };
  total: number;
}

export interface Preferences {
  weeklyDigest: boolean;
  /** Whether this installation sends e-mail at all. */
  emailEnabled: boolean;
}

export interface PreferencesInput {
  weeklyDigest: boolean;
}

export interface UnreadCount {
  unreadCount: number;
}

export interface MarkedAllRead {
  marked: number;
  unreadCount: number;
}
