import type { Uuid } from './common';
/**
 * The /collab socket's wire protocol (docs/protocol.md): y-websocket style messages, a varuint message type
 * followed by the payload, sent as the `yjs` event with the document id.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
/** Sync message steps (y-protocols/sync). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Answer to join/leave and to every sync update sent with an ack; `ok` means "stored in the database". */
export type CollabAck = { ok: true; readOnly?: boolean } | { ok: false; error: { code: string; message: string } };

/** Signals the server sends when something beside the text changed. */
export const COLLAB_SIGNALS = ['comments', 'versions'] as const;
export type CollabSignal = (typeof COLLAB_SIGNALS)[number];

/** The /collab socket's events (server -> client) besides `yjs`. */
export interface CollabEvents {
  comments: { documentId: Uuid };
  versions: { documentId: Uuid };
  /** Lost access to an open document (removed from the werkgroep). */
  revoked: { documentId: Uuid; message: string };
}
