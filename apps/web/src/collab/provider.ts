/**
 * Our own Yjs provider over Socket.IO (see docs/protocol.md): one socket per browser tab to `/collab`,
 * many documents over it. Authentication is the httpOnly session cookie sent with the handshake; this
 * module never sees a token.
 *
 * Per document a Y.Doc and an Awareness. A local change is sent as a sync update with an ack; the ack means
 * "stored in the database". Until then the change counts as unacknowledged: it is kept (merged) and sent
 * again after a reconnect (Yjs ignores duplicates). Unsent changes also live in IndexedDB (y-indexeddb), so
 * they survive a reload; after a reload the sync step 2 sends whatever the server lacks.
 */
import {
  COLLAB_SIGNALS,
  CollabAck,
  CollabSignal,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from '@koers/contracts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, Socket } from 'socket.io-client';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { refreshSession } from '../api';
import { LOCAL_COPY_PREFIX, registerOpenDocuments } from './session';

/** Local changes are gathered this long before they go out as one message (fewer messages, same truth). */
const FLUSH_DELAY_MS = 40;
const AWARENESS_DELAY_MS = 80;
const ACK_TIMEOUT_MS = 20_000;
const RETRY_DELAY_MS = 1_000;
const SERVER_UNREACHABLE = 'Verbinding met de server verbroken; wijzigingen worden bewaard.';
/** How long a closed document waits for its last acks before it leaves. */
const CLOSE_GRACE_MS = 10_000;

type Ack = CollabAck;

/** Where a document stands, for the page. */
export type CollabStatus =
  /** Waiting for the local copy and the first sync. */
  | 'connecting'
  /** Joined and synced with the server. */
  | 'online'
  /** No connection: changes are kept in the browser. */
  | 'offline'
  | 'not_found'
  | 'forbidden'
  /** Lost access while open (removed from the werkgroep). */
  | 'revoked'
  /** The session ended and could not be refreshed. */
  | 'unauthenticated'
  | 'error';

export interface CollabSnapshot {
  status: CollabStatus;
  readOnly: boolean;
  /** The server's content has arrived at least once (or a local copy exists): the editor may be shown. */
  loaded: boolean;
  /** Some local changes are not yet acknowledged as stored. */
  unacknowledged: boolean;
  /** A Dutch message for revoked/error states. */
  message: string | null;
}

/** The remote origin marker: changes that came from the server are not sent back. */
const REMOTE = Symbol('remote');

export class CollabDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private persistence: IndexeddbPersistence | null = null;
  private listeners = new Set<() => void>();
  private signalListeners = new Set<(signal: CollabSignal) => void>();
  private snapshot: CollabSnapshot = {
    status: 'connecting',
    readOnly: false,
    loaded: false,
    unacknowledged: false,
    message: null,
  };

  /** Local updates not yet sent. */
  private unsent: Uint8Array[] = [];
  /** Sent, waiting for their ack: by sequence number. */
  private inflight = new Map<number, Uint8Array>();
  private seq = 0;
  /** Increases on every (re)join: acks of an earlier connection are ignored. */
  private epoch = 0;
  private joined = false;
  private localReady = false;
  private serverStateVector: Uint8Array | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private changedAwareness = new Set<number>();
  refCount = 0;
  private destroyed = false;
  closeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly id: string,
    private readonly connection: CollabConnection,
  ) {
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  // ---- for React (useSyncExternalStore) ----
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** The server's `comments` and `versions` signals for this document: something to fetch again. */
  onSignal(listener: (signal: CollabSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  signal(name: CollabSignal) {
    for (const listener of this.signalListeners) listener(name);
  }

  private update(changes: Partial<CollabSnapshot>) {
    const next = { ...this.snapshot, ...changes, unacknowledged: this.unsent.length + this.inflight.size > 0 };
    const same = (Object.keys(next) as Array<keyof CollabSnapshot>).every((key) => next[key] === this.snapshot[key]);
    if (same) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  /** Loads the local copy (IndexedDB), then joins over the socket. */
  async start() {
    if (this.destroyed) return;
    try {
      this.persistence = new IndexeddbPersistence(LOCAL_COPY_PREFIX + this.id, this.doc);
      await Promise.race([this.persistence.whenSynced, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    } catch {
      // No IndexedDB (private mode, say): work without the local copy.
      this.persistence = null;
    }
    if (this.destroyed) return;
    this.localReady = true;
    // A local copy with content is enough to show (and edit) while offline.
    if (this.doc.getXmlFragment('default').length > 0 && !this.snapshot.loaded) this.update({ loaded: true });
    this.connection.joinWhenConnected(this);
  }

  // ---- the conversation with the server ----

  /** Called by the connection once the socket is connected (first time and after every reconnect). */
  async join(socket: Socket) {
    if (!this.localReady || ['revoked', 'not_found', 'forbidden'].includes(this.snapshot.status)) return;
    const epoch = ++this.epoch;
    this.joined = false;
    this.serverStateVector = null;
    let ack: Ack;
    try {
      ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('join', { documentId: this.id })) as Ack;
    } catch {
      if (epoch === this.epoch && socket.connected)
        setTimeout(() => this.epoch === epoch && void this.join(socket), RETRY_DELAY_MS);
      return;
    }
    if (epoch !== this.epoch) return;
    if (!ack.ok) {
      const code = ack.error.code;
      if (code === 'NOT_FOUND') this.update({ status: 'not_found', message: ack.error.message });
      else if (code === 'FORBIDDEN') this.update({ status: 'forbidden', message: ack.error.message });
      else {
        // INTERNAL (the document failed to load), RATE_LIMITED: try again shortly.
        this.update({ status: 'error', message: 'Het document kon niet worden geopend. Koers probeert het opnieuw…' });
        setTimeout(() => this.epoch === epoch && socket.connected && void this.join(socket), RETRY_DELAY_MS * 3);
      }
      return;
    }
    this.joined = true;
    this.update({ readOnly: Boolean(ack.readOnly), message: null });
    // Changes that were in flight on the previous connection go again (Yjs ignores duplicates).
    for (const update of this.inflight.values()) this.unsent.push(update);
    this.inflight.clear();
    if (this.snapshot.readOnly) this.unsent = [];
    // Ask for what this client lacks, and answer the server's step 1 if it has already arrived.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc));
    void this.sendRaw(socket, encoding.toUint8Array(encoder));
    this.answerServerStep1();
    // Our presence, to the others.
    if (this.awareness.getLocalState() !== null) {
      this.changedAwareness.add(this.doc.clientID);
      this.sendAwareness();
    }
    this.flush();
    this.update({});
  }

  /** Joins again (after archiving or restoring, when the write permission may have changed). */
  rejoin() {
    const socket = this.connection.socket;
    if (socket?.connected && this.localReady) void this.join(socket);
  }

  /** The socket dropped: everything in flight is kept to be sent again; the others' presence is gone. */
  disconnected() {
    this.epoch++;
    this.joined = false;
    this.serverStateVector = null;
    for (const update of this.inflight.values()) this.unsent.push(update);
    this.inflight.clear();
    const others = [...this.awareness.getStates().keys()].filter((clientId) => clientId !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, REMOTE);
    if (this.snapshot.status === 'online' || this.snapshot.status === 'connecting' || this.snapshot.status === 'error')
      this.update({ status: 'offline' });
    else this.update({});
  }

  /** One y-protocols message from the server. */
  receive(message: Uint8Array) {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP1) {
        this.serverStateVector = payload;
        this.answerServerStep1();
      } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
        Y.applyUpdate(this.doc, payload, REMOTE);
        if (step === SYNC_STEP2)
          this.update({
            status: 'online',
            loaded: true,
            ...(this.snapshot.message === SERVER_UNREACHABLE ? { message: null } : {}),
          });
      }
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), REMOTE);
    }
  }

  /** What the server lacks (local changes made offline or before a reload), as an update with an ack. */
  private answerServerStep1() {
    if (!this.joined || !this.serverStateVector) return;
    const stateVector = this.serverStateVector;
    this.serverStateVector = null;
    if (this.snapshot.readOnly) return;
    const diff = Y.encodeStateAsUpdate(this.doc, stateVector);
    const decoded = Y.decodeUpdate(diff);
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return;
    this.unsent.push(diff);
    this.flush();
  }

  revoked(message: string) {
    this.epoch++;
    this.joined = false;
    // Nothing more can be stored; what is left unsent is not kept for later.
    this.unsent = [];
    this.inflight.clear();
    void this.persistence?.clearData();
    const others = [...this.awareness.getStates().keys()].filter((clientId) => clientId !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, REMOTE);
    this.update({
      status: 'revoked',
      readOnly: true,
      message: message || 'U heeft geen toegang meer tot dit document.',
    });
  }

  /** No connection to the server for now; the session is not in doubt. */
  serverUnreachable() {
    this.update({ message: SERVER_UNREACHABLE });
  }

  unauthenticated() {
    this.update({
      status: 'unauthenticated',
      message: 'Uw sessie is verlopen. Log opnieuw in; uw wijzigingen zijn in deze browser bewaard.',
    });
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    // From the server, or the local copy being loaded: not a new change of ours.
    if (origin === REMOTE || (this.persistence && origin === this.persistence)) return;
    if (this.snapshot.readOnly) return;
    this.unsent.push(update);
    this.update({});
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  };

  /** Sends every unsent change as one merged update; the ack removes it from the unacknowledged ones. */
  private flush() {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const socket = this.connection.socket;
    if (!this.joined || !socket?.connected || this.unsent.length === 0) {
      this.update({});
      return;
    }
    const update = this.unsent.length === 1 ? this.unsent[0] : Y.mergeUpdates(this.unsent);
    this.unsent = [];
    const seq = ++this.seq;
    const epoch = this.epoch;
    this.inflight.set(seq, update);
    this.update({});
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_UPDATE);
    encoding.writeVarUint8Array(encoder, update);
    void this.sendRaw(socket, encoding.toUint8Array(encoder)).then((ack) => {
      if (epoch !== this.epoch || !this.inflight.has(seq)) return; // reconnected meanwhile: it was re-sent
      this.inflight.delete(seq);
      if (ack.ok) {
        this.update({});
        return;
      }
      const code = ack.error.code;
      if (code === 'FORBIDDEN') {
        // Read-only now (archived, or the role changed): the change cannot be stored.
        this.update({
          readOnly: true,
          message: 'U kunt dit document niet (meer) bewerken. Uw laatste wijzigingen zijn niet opgeslagen.',
        });
        return;
      }
      if (code === 'VALIDATION_FAILED' || code === 'PAYLOAD_TOO_LARGE') {
        this.update({
          status: 'error',
          message: 'Een wijziging kon niet worden opgeslagen (te groot of ongeldig). Herlaad de pagina.',
        });
        return;
      }
      // DISCONNECTED, timeout, RATE_LIMITED, INTERNAL: keep it and try again.
      this.unsent.push(update);
      this.update({});
      setTimeout(() => this.flush(), RETRY_DELAY_MS);
    });
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === REMOTE) return;
    for (const clientId of [...added, ...updated, ...removed]) this.changedAwareness.add(clientId);
    if (!this.awarenessTimer) this.awarenessTimer = setTimeout(() => this.sendAwareness(), AWARENESS_DELAY_MS);
  };

  private sendAwareness() {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    const socket = this.connection.socket;
    if (!this.joined || !socket?.connected || this.changedAwareness.size === 0) return;
    const changed = [...this.changedAwareness].filter((clientId) => clientId === this.doc.clientID);
    this.changedAwareness.clear();
    if (!changed.length) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    void this.sendRaw(socket, encoding.toUint8Array(encoder));
  }

  private sendRaw(socket: Socket, message: Uint8Array): Promise<Ack> {
    return (socket.timeout(ACK_TIMEOUT_MS).emitWithAck('yjs', this.id, message) as Promise<Ack>).catch(
      (err: Error): Ack => ({ ok: false, error: { code: 'DISCONNECTED', message: err.message } }),
    );
  }

  /** Resolves once nothing is unacknowledged (or after the time limit). */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.snapshot.unacknowledged && this.joined) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return !this.snapshot.unacknowledged;
  }

  /** Leaves the document and frees it (the local copy stays in IndexedDB). */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.epoch++;
    const socket = this.connection.socket;
    if (this.joined && socket?.connected) socket.emit('leave', { documentId: this.id });
    this.joined = false;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.signalListeners.clear();
  }
}

/** The socket of this tab, shared by every open document. */
export class CollabConnection {
  socket: Socket | null = null;
  private documents = new Map<string, CollabDocument>();
  private refreshAttempts = 0;

  private ensureSocket(): Socket {
    if (this.socket) return this.socket;
    // Same origin; the session cookie goes with the handshake (no token in JavaScript).
    const socket = io('/collab', { withCredentials: true, transports: ['websocket', 'polling'], autoConnect: false });
    socket.on('connect', () => {
      this.refreshAttempts = 0;
      for (const document of this.documents.values()) void document.join(socket);
    });
    socket.on('disconnect', (reason) => {
      for (const document of this.documents.values()) document.disconnected();
      // The server closed the connection on purpose: Socket.IO does not reconnect by itself then.
      if (reason === 'io server disconnect' && this.documents.size) setTimeout(() => socket.connect(), RETRY_DELAY_MS);
    });
    socket.on('connect_error', (err: Error) => {
      for (const document of this.documents.values()) document.disconnected();
      if (err.message !== 'UNAUTHENTICATED') {
        // The server could not be reached, or could not check the session (e.g. its database is down): the
        // session is kept, changes stay in this browser, and Koers keeps trying. Socket.IO retries network
        // trouble by itself, not a refusal by the server (then `active` is false).
        for (const document of this.documents.values()) document.serverUnreachable();
        if (!socket.active)
          setTimeout(() => this.documents.size && !socket.connected && socket.connect(), RETRY_DELAY_MS * 3);
        return;
      }
      // The access cookie (15 minutes) has expired: refresh the session, then connect again.
      if (this.refreshAttempts >= 3) {
        for (const document of this.documents.values()) document.unauthenticated();
        return;
      }
      this.refreshAttempts++;
      void refreshSession().then((ok) => {
        if (ok) socket.connect();
        else for (const document of this.documents.values()) document.unauthenticated();
      });
    });
    socket.on('yjs', (documentId: string, message: ArrayBuffer | Uint8Array) => {
      const document = this.documents.get(documentId);
      if (!document) return;
      try {
        document.receive(new Uint8Array(message));
      } catch {
        // A message we cannot read is ignored; the next sync repairs what it would have brought.
      }
    });
    socket.on('revoked', (payload: { documentId: string; message?: string }) => {
      this.documents.get(payload.documentId)?.revoked(payload.message ?? '');
    });
    for (const name of COLLAB_SIGNALS) {
      socket.on(name, (payload: { documentId?: string }) => {
        if (payload?.documentId) this.documents.get(payload.documentId)?.signal(name);
      });
    }
    this.socket = socket;
    return socket;
  }

  /** Opens a document (shared if it is already open in this tab). Call `release` when done. */
  open(documentId: string): CollabDocument {
    let document = this.documents.get(documentId);
    if (!document) {
      document = new CollabDocument(documentId, this);
      this.documents.set(documentId, document);
      void document.start();
    }
    if (document.closeTimer) clearTimeout(document.closeTimer);
    document.closeTimer = null;
    document.refCount++;
    return document;
  }

  /** Done with a document: it leaves once its last changes are acknowledged (or after a grace period). */
  release(document: CollabDocument) {
    document.refCount--;
    if (document.refCount > 0) return;
    document.closeTimer = setTimeout(() => {
      void document.settled(CLOSE_GRACE_MS).then(() => {
        if (document.refCount > 0) return;
        if (this.documents.get(document.id) === document) this.documents.delete(document.id);
        document.destroy();
        if (this.documents.size === 0) this.socket?.disconnect();
      });
    }, 0);
  }

  hasUnacknowledged(): boolean {
    return [...this.documents.values()].some((document) => document.getSnapshot().unacknowledged);
  }

  /** At logout: every document closes at once and the socket goes. */
  closeAll() {
    for (const document of this.documents.values()) {
      if (document.closeTimer) clearTimeout(document.closeTimer);
      document.destroy();
    }
    this.documents.clear();
    this.socket?.disconnect();
  }

  joinWhenConnected(document: CollabDocument) {
    if (!this.documents.has(document.id)) return;
    const socket = this.ensureSocket();
    if (socket.connected) void document.join(socket);
    else if (!socket.active) socket.connect();
  }
}

export const collab = new CollabConnection();
registerOpenDocuments({ hasUnacknowledged: () => collab.hasUnacknowledged(), closeAll: () => collab.closeAll() });
