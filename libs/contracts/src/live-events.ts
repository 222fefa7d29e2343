import type { Action } from './actions';
import type { FileMeta, FileParentType } from './files';
import type { Notification } from './notifications';
import type { SessionSummary } from './sessions';
import type { Uuid } from './common';

/** What a deleted item leaves behind in a live event. */
export interface DeletedRef {
  id: Uuid;
  workgroupId: Uuid;
}

/**
 * The /live socket's events (server -> client): event name -> payload. Werkgroep events reach the sockets
 * that subscribed to the werkgroep; notification events reach every socket of their user.
 */
export interface LiveEvents {
  'action.created': Action;
  'action.updated': Action;
  'action.deleted': DeletedRef;
  'session.created': SessionSummary;
  'session.updated': SessionSummary;
  'session.deleted': DeletedRef;
  notification: { notification: Notification; unreadCount: number };
  'notifications.read': { ids: string[] | 'all'; unreadCount: number };
  /** A file was added to a subscribed parent, or got a new version (docs/files.md). */
  'file.stored': FileMeta;
  /** A file of a subscribed parent was archived. */
  'file.archived': { fileId: Uuid; parentType: FileParentType; parentId: Uuid };
  /** Lost access to a subscribed werkgroep (removed as member). */
  revoked: { workgroupId: Uuid; message: string };
}
export type LiveEventName = keyof LiveEvents;

/** Client -> server on /live: join or leave a werkgroep's room. */
export interface LiveSubscription {
  workgroupId: Uuid;
}

/** Client -> server on /live (`files.subscribe`, `files.unsubscribe`): follow one parent's file list. */
export interface LiveFilesSubscription {
  parentType: FileParentType;
  parentId: Uuid;
}
