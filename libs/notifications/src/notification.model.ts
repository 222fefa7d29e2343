export const NOTIFICATION_KINDS = ['toegewezen', 'binnenkort', 'verlopen', 'besluit', 'vermelding'] as const;
/**
 * toegewezen: an action was assigned to me; binnenkort: my action is due soon; verlopen: overdue; besluit: a decision concerns me;
 * vermelding: someone mentioned me (@) in a comment on a document.
 */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  entityType: string | null;
  entityId: string | null;
  workgroupId: string | null;
  /** Where the web client opens it. */
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  entityType?: string | null;
  entityId?: string | null;
  workgroupId?: string | null;
  link?: string | null;
  /** Set for notifications that must reach a person once (reminders); duplicates are dropped. */
  dedupeKey?: string | null;
}

/** An open action as the attention view lists it. */
export interface AttentionAction {
  id: string;
  title: string;
  workgroupId: string;
  workgroupName: string;
  dueDate: string;
  status: string;
  priority: string;
  link: string;
}

/** The client path of an action (the werkgroep page opens it). */
export const actionLink = (workgroupId: string, actionId: string) => `/werkgroepen/${workgroupId}?actie=${actionId}`;

/** The client path of a comment thread in a document (the document page opens the thread). */
export const commentLink = (documentId: string, commentId: string) => `/documenten/${documentId}?reactie=${commentId}`;

/** 'YYYY-MM-DD' as Dutch readers write it. */
export const dutchDate = (date: string) => `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;

/** A progress report that waits on someone: to submit (aanjager) or to accept/return (secretariat). */
export interface AttentionReport {
  task: 'indienen' | 'beoordelen';
  workgroupId: string;
  workgroupName: string;
  cycleId: string;
  cycleTitle: string;
  deadline: string;
  status: 'niet_gestart' | 'concept' | 'teruggestuurd' | 'ingediend';
  reportId: string | null;
}
