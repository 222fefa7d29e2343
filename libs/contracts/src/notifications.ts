import type { IsoDate, IsoDateTime, Page, Uuid } from './common';

/**
 * toegewezen: an action was assigned to me; binnenkort: my action is due soon; verlopen: overdue; besluit: a
 * decision concerns me; vermelding: someone mentioned me (@) in a comment on a document;
 * rapportage_ingediend / _teruggestuurd / _geaccepteerd: a progress report went up, came back or was
 * accepted; reactie: a reply in a comment thread I took part in; gevolgd: a change or comment on a
 * document, action or session I follow.
 */
export const NOTIFICATION_KINDS = [
  'toegewezen',
  'binnenkort',
  'verlopen',
  'besluit',
  'vermelding',
  'rapportage_ingediend',
  'rapportage_teruggestuurd',
  'rapportage_geaccepteerd',
  'reactie',
  'gevolgd',
  'contactpersoon',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: Uuid;
  kind: NotificationKind;
  title: string;
  /** More words where the title is not enough (the secretariat's comment on a returned report). */
  detail: string | null;
  entityType: string | null;
  entityId: string | null;
  workgroupId: Uuid | null;
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
  id: Uuid;
  title: string;
  workgroupId: Uuid;
  workgroupName: string;
  dueDate: IsoDate;
  status: string;
  priority: string;
  link: string;
}

/** An overdue action of someone else in a werkgroep I drive (the aanjager's attention view). */
export interface AttentionWorkgroupAction extends AttentionAction {
  ownerId: Uuid | null;
  ownerName: string | null;
}

/** A progress report that waits on someone: to submit (aanjager) or to accept/return (secretariat). */
export interface AttentionReport {
  task: 'indienen' | 'beoordelen';
  workgroupId: Uuid;
  workgroupName: string;
  cycleId: Uuid;
  cycleTitle: string;
  deadline: IsoDate;
  status: 'niet_gestart' | 'concept' | 'teruggestuurd' | 'ingediend';
  reportId: Uuid | null;
}

/** GET /api/me/attention: what waits on me now. */
export interface Attention {
  today: IsoDate;
  dueSoonUntil: IsoDate;
  overdue: AttentionAction[];
  dueSoon: AttentionAction[];
  reports: AttentionReport[];
  /** For an aanjager: the overdue actions of others in the werkgroepen they drive. */
  workgroupOverdue: AttentionWorkgroupAction[];
  notifications: { unreadCount: number; items: Notification[] };
  total: number;
}

export interface Preferences {
  weeklyDigest: boolean;
  /** Notifications that close a loop (reports, replies) also by e-mail; on unless turned off. */
  emailNotifications: boolean;
  /** Whether this installation sends e-mail at all. */
  emailEnabled: boolean;
}

export interface PreferencesInput {
  weeklyDigest?: boolean;
  emailNotifications?: boolean;
}

/** What can be followed: its changes and comments then reach the follower's bell. */
export const FOLLOW_TYPES = ['documents', 'actions', 'sessions'] as const;
export type FollowType = (typeof FOLLOW_TYPES)[number];

/** GET/PUT/DELETE /api/me/follows/:type/:id */
export interface FollowState {
  following: boolean;
}

/** A document as the home page lists it. */
export interface RecentDocument {
  id: Uuid;
  title: string;
  kind: string;
  workgroupId: Uuid;
  workgroupName: string;
  updatedAt: IsoDateTime;
}

/** One thing that changed in my werkgroepen since my previous visit. */
export interface ChangeItem {
  kind:
    | 'document_gewijzigd'
    | 'actie_nieuw'
    | 'actie_gewijzigd'
    | 'actie_afgerond'
    | 'sessie_nieuw'
    | 'rapportage_teruggestuurd'
    | 'rapportage_geaccepteerd';
  id: Uuid;
  title: string;
  workgroupId: Uuid;
  workgroupName: string;
  at: IsoDateTime;
  link: string;
}

/** GET /api/me/home: recent documents and what changed since my previous visit. */
export interface HomeFeed {
  /** The end of my previous visit; null on a first visit (then the last seven days count). */
  since: IsoDateTime | null;
  recentDocuments: RecentDocument[];
  changes: ChangeItem[];
  /** How many changes there were in all (`changes` holds the latest 50). */
  changeCount: number;
}

export interface UnreadCount {
  unreadCount: number;
}

export interface MarkedAllRead {
  marked: number;
  unreadCount: number;
}
