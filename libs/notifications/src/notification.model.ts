import { Dated, Notification, NOTIFICATION_KINDS, NotificationKind } from '@koers/contracts';

export { NOTIFICATION_KINDS };
export type { AttentionAction, AttentionReport, AttentionWorkgroupAction, NotificationKind } from '@koers/contracts';

export type NotificationView = Dated<Notification, 'createdAt' | 'readAt'>;

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  detail?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  workgroupId?: string | null;
  link?: string | null;
  /** Set for notifications that must reach a person once (reminders); duplicates are dropped. */
  dedupeKey?: string | null;
}

/** The client path of an action (the werkgroep page opens it). */
export const actionLink = (workgroupId: string, actionId: string) => `/werkgroepen/${workgroupId}?actie=${actionId}`;

/** The client path of a comment thread in a document (the document page opens the thread). */
export const commentLink = (documentId: string, commentId: string) => `/documenten/${documentId}?reactie=${commentId}`;

/** 'YYYY-MM-DD' as Dutch readers write it. */
export const dutchDate = (date: string) => `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;

/** The client path of a progress report. */
export const reportLink = (reportId: string) => `/rapportages/${reportId}`;

/** The client path of a session (inside its werkgroep). */
export const sessionLink = (workgroupId: string, sessionId: string) =>
  `/werkgroepen/${workgroupId}/sessies/${sessionId}`;

/** The client path of a document. */
export const documentLink = (documentId: string) => `/documenten/${documentId}`;
