import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Actor, AuthorizationService, MembershipChanges } from '@koers/access';
import { APP_CONFIG, AppConfig, notFound } from '@koers/core';
import { DocumentRepository } from '../document.repository';
import {
  AwarenessEntry,
  colorFor,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  stampIdentity,
} from './awareness-identity';
import { CollabBus, CollabBusMessage } from './collab-bus';
import { loadFailed, malformed, notJoined, readOnly, tooLarge } from './collab-errors';
import { UpdateLog } from './update-log';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
/** How long a cached write permission is trusted before it is checked again. */
const PERMISSION_TTL_MS = 10_000;

/** How the service reaches sockets; implemented by the gateway (Socket.IO). */
export interface CollabTransport {
  sendTo(connectionId: string, documentId: string, message: Uint8Array): void;
  /** To every connection of this instance in the document, except one. */
  broadcast(documentId: string, message: Uint8Array, exceptConnectionId?: string): void;
  /** The connection lost access to the document. */
  revoke(connectionId: string, documentId: string): void;
  /** A named event with a JSON payload to every connection of this instance in the document. */
  signal(documentId: string, event: string, payload: object): void;
}

interface Participant {
  actor: Actor;
  canWrite: boolean;
  checkedAt: number;
  awarenessClients: Set<number>;
}

interface OpenDocument {
  workgroupId: string;
  doc: Y.Doc;
  /** Awareness states by client id, as last stamped by the server. */
  awareness: Map<number, AwarenessEntry>;
  participants: Map<string, Participant>;
  pendingBroadcast: Uint8Array[];
  /** The connections whose updates are in pendingBroadcast (null: the server's own or another instance's). */
  pendingOrigins: Set<string | null>;
  /** Set while an update waits for a permission re-check: later updates queue behind it (arrival order). */
  ordering: Promise<void> | null;
  updatesSinceCompaction: number;
  unloadTimer: NodeJS.Timeout | null;
}

/**
 * The documents that are open on this instance, and the rules of the wire protocol: who may join, who may
 * write, that every update is stored before it is acknowledged, that awareness carries the real identity.
 */
@Injectable()
export class CollabService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(CollabService.name);
  private readonly open = new Map<string, OpenDocument>();
  private readonly loading = new Map<string, Promise<OpenDocument>>();
  private transport: CollabTransport | null = null;
  private readonly idleListeners: Array<(documentId: string) => void> = [];
  private sweepTimer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: DocumentRepository,
    private readonly updateLog: UpdateLog,
    private readonly authorization: AuthorizationService,
    private readonly membershipChanges: MembershipChanges,
    private readonly bus: CollabBus,
  ) {}

  onModuleInit(): void {
    this.bus.onMessage((message) => this.onBusMessage(message));
    this.membershipChanges.onChange((change) => {
      this.bus.publish({ type: 'membership', ...change });
      void this.recheckMember(change.workgroupId, change.userId);
    });
    // Documents whose log grew while no instance had them open (or before a crash) get merged too.
    this.sweepTimer = setInterval(() => void this.sweep(), 60_000);
    this.sweepTimer.unref();
  }

  /**
   * Before the database closes: store every pending update, then drop the documents from memory. Merging
   * and automatic versions are left to the next start's sweep (the log holds everything).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.updateLog.flush();
    for (const [id, open] of this.open) {
      if (open.unloadTimer) clearTimeout(open.unloadTimer);
      open.doc.destroy();
      this.open.delete(id);
    }
  }

  /** Forces a fresh permission check on the next write of everyone in the document (e.g. after archiving). */
  expirePermissions(documentId: string): void {
    const open = this.open.get(documentId);
    if (!open) return;
    for (const participant of open.participants.values()) participant.checkedAt = 0;
  }

  attach(transport: CollabTransport): void {
    this.transport = transport;
  }

  /** Called when nobody has a document open any more (e.g. to take an automatic version). */
  onDocumentIdle(listener: (documentId: string) => void): void {
    this.idleListeners.push(listener);
  }

  /**
   * A change made by the server on someone's behalf (restoring a version): stored, then sent to every
   * editor of the document on every instance, like an edit of their own.
   */
  async applyServerUpdate(documentId: string, update: Uint8Array, userId: string): Promise<void> {
    const open = this.open.get(documentId);
    if (open) {
      Y.applyUpdate(open.doc, update, 'server');
      this.queueBroadcast(documentId, open, update, null);
    }
    this.bus.publish({ type: 'update', documentId, update });
    await this.updateLog.append({ documentId, data: update, userId });
  }

  /** The current content: from memory when the document is open here, else from the database. */
  async currentState(documentId: string): Promise<Uint8Array> {
    const open = this.open.get(documentId);
    if (open) return Y.encodeStateAsUpdate(open.doc);
    await this.updateLog.flush();
    const { snapshot, updates } = await this.repository.loadState(documentId);
    return mergeIntoSnapshot(snapshot, updates);
  }

  /** Tells every editor of the document (on all instances) that something beside the text changed. */
  signal(documentId: string, event: string, payload: object): void {
    this.transport?.signal(documentId, event, payload);
    this.bus.publish({ type: 'signal', documentId, event, payload });
  }

  /** Opens a document for a connection. Read-only roles may join; their updates are refused. */
  async join(connectionId: string, actor: Actor, documentId: string): Promise<{ readOnly: boolean }> {
    const meta = await this.repository.findMeta(documentId);
    if (!meta) throw notFound('Het document');
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.content.read',
      meta.workgroupId,
      'document.join',
      'Het document',
    );
    const canWrite =
      meta.archivedAt === null &&
      (await this.authorization.canInWorkgroup(actor, 'workgroup.content.write', meta.workgroupId));
    const open = await this.load(documentId, meta.workgroupId);
    if (open.unloadTimer) clearTimeout(open.unloadTimer);
    open.unloadTimer = null;
    open.participants.set(connectionId, { actor, canWrite, checkedAt: Date.now(), awarenessClients: new Set() });
    // Start the sync: the server's state vector; the client answers with what the server lacks.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(open.doc));
    this.transport?.sendTo(connectionId, documentId, encoding.toUint8Array(encoder));
    if (open.awareness.size)
      this.transport?.sendTo(connectionId, documentId, awarenessMessage([...open.awareness.values()]));
    return { readOnly: !canWrite };
  }

  leave(connectionId: string, documentId: string): void {
    const open = this.open.get(documentId);
    const participant = open?.participants.get(connectionId);
    if (!open || !participant) return;
    open.participants.delete(connectionId);
    this.dropAwareness(documentId, open, participant);
    if (open.participants.size === 0) this.scheduleUnload(documentId, open);
  }

  /** A connection dropped: it leaves every document it had open. */
  disconnect(connectionId: string): void {
    for (const [documentId, open] of this.open)
      if (open.participants.has(connectionId)) this.leave(connectionId, documentId);
  }

  /**
   * Handles one y-protocols message. Resolves when the message is fully handled; for an update that is
   * after it is stored in the database, which is when the client may consider it saved.
   */
  async receive(connectionId: string, documentId: string, message: Uint8Array): Promise<void> {
    if (message.byteLength > this.config.collab.maxMessageBytes) throw tooLarge(this.config.collab.maxMessageBytes);
    const open = this.open.get(documentId);
    const participant = open?.participants.get(connectionId);
    if (!open || !participant) throw notJoined();
    const decoder = decoding.createDecoder(message);
    const type = readVarUintSafe(decoder);
    if (type === MESSAGE_SYNC) {
      const step = readVarUintSafe(decoder);
      const payload = readBytesSafe(decoder);
      if (decoding.hasContent(decoder)) throw malformed('extra bytes after the message');
      if (step === SYNC_STEP1) return this.answerStep1(connectionId, documentId, open, payload);
      if (step === SYNC_STEP2 || step === SYNC_UPDATE)
        return this.applyUpdate(connectionId, documentId, open, participant, payload);
      throw malformed(`unknown sync step ${step}`);
    }
    if (type === MESSAGE_AWARENESS) {
      const payload = readBytesSafe(decoder);
      if (decoding.hasContent(decoder)) throw malformed('extra bytes after the message');
      return this.applyAwareness(connectionId, documentId, open, participant, payload);
    }
    throw malformed(`unknown message type ${type}`);
  }

  /** For tests and benchmarks: how many documents this instance holds in memory. */
  openDocumentCount(): number {
    return this.open.size;
  }

  private answerStep1(connectionId: string, documentId: string, open: OpenDocument, stateVector: Uint8Array) {
    let diff: Uint8Array;
    try {
      diff = Y.encodeStateAsUpdate(open.doc, stateVector);
    } catch {
      throw malformed('unreadable state vector');
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP2);
    encoding.writeVarUint8Array(encoder, diff);
    this.transport?.sendTo(connectionId, documentId, encoding.toUint8Array(encoder));
  }

  private async applyUpdate(
    connectionId: string,
    documentId: string,
    open: OpenDocument,
    participant: Participant,
    update: Uint8Array,
  ): Promise<void> {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      throw malformed('unreadable Yjs update');
    }
    const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
    if (empty) return;
    let stored: Promise<void>;
    if (!open.ordering && Date.now() - participant.checkedAt <= PERMISSION_TTL_MS) {
      // The cached permission is fresh: apply in this turn, in arrival order.
      if (!participant.canWrite) throw readOnly();
      stored = this.integrate(connectionId, documentId, open, participant, update);
    } else {
      // The permission is re-checked in the database. Updates of this document that arrive meanwhile wait
      // their turn: one that overtook the update it builds on would sit in Yjs's pending structs (on the
      // server and at every receiver) and reach the log before its dependency.
      const turn = (open.ordering ?? Promise.resolve()).then(async () => {
        if (!(await this.mayWrite(documentId, open, participant))) throw readOnly();
        return { stored: this.integrate(connectionId, documentId, open, participant, update) };
      });
      const done = turn.then(
        () => undefined,
        () => undefined,
      );
      open.ordering = done;
      void done.then(() => {
        if (open.ordering === done) open.ordering = null;
      });
      stored = (await turn).stored;
    }
    await stored;
    open.updatesSinceCompaction++;
    if (open.updatesSinceCompaction >= this.config.collab.compactAfterUpdates) {
      open.updatesSinceCompaction = 0;
      void this.compact(documentId);
    }
  }

  /** Applies an allowed update, queues its broadcast, and resolves once it is stored. */
  private integrate(
    connectionId: string,
    documentId: string,
    open: OpenDocument,
    participant: Participant,
    update: Uint8Array,
  ): Promise<void> {
    try {
      Y.applyUpdate(open.doc, update, connectionId);
    } catch {
      throw malformed('the update does not fit the document');
    }
    this.queueBroadcast(documentId, open, update, connectionId);
    this.bus.publish({ type: 'update', documentId, update });
    return this.updateLog.append({ documentId, data: update, userId: participant.actor.userId });
  }

  private applyAwareness(
    connectionId: string,
    documentId: string,
    open: OpenDocument,
    participant: Participant,
    update: Uint8Array,
  ) {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      throw malformed('unreadable awareness update');
    }
    // A connection speaks only for its own client ids; it cannot move or clear someone else's cursor.
    const claimedElsewhere = (clientId: number) =>
      [...open.participants.entries()].some(([id, p]) => id !== connectionId && p.awarenessClients.has(clientId));
    const own = entries.filter((entry) => !claimedElsewhere(entry.clientId));
    const user = {
      id: participant.actor.userId,
      name: participant.actor.displayName,
      color: colorFor(participant.actor.userId),
    };
    const stamped = stampIdentity(own, user);
    for (const entry of stamped) {
      participant.awarenessClients.add(entry.clientId);
      if (entry.state === null) open.awareness.delete(entry.clientId);
      else open.awareness.set(entry.clientId, entry);
    }
    if (!stamped.length) return;
    const message = awarenessMessage(stamped);
    this.transport?.broadcast(documentId, message, connectionId);
    this.bus.publish({ type: 'awareness', documentId, update: encodeAwarenessUpdate(stamped) });
  }

  private dropAwareness(documentId: string, open: OpenDocument, participant: Participant) {
    const removed = [...participant.awarenessClients]
      .map((clientId) => open.awareness.get(clientId))
      .filter((entry): entry is AwarenessEntry => Boolean(entry))
      .map((entry) => ({ ...entry, clock: entry.clock + 1, state: null }));
    for (const entry of removed) open.awareness.delete(entry.clientId);
    if (!removed.length) return;
    this.transport?.broadcast(documentId, awarenessMessage(removed));
    this.bus.publish({ type: 'awareness', documentId, update: encodeAwarenessUpdate(removed) });
  }

  /** Updates that arrive in one event-loop turn go out as one merged message (fewer, larger sends). */
  private queueBroadcast(documentId: string, open: OpenDocument, update: Uint8Array, origin: string | null) {
    open.pendingBroadcast.push(update);
    open.pendingOrigins.add(origin);
    if (open.pendingBroadcast.length > 1) return;
    setImmediate(() => {
      const updates = open.pendingBroadcast;
      const origins = open.pendingOrigins;
      open.pendingBroadcast = [];
      open.pendingOrigins = new Set();
      // All from one connection: it has them already, so it is not sent its own update back.
      const [only] = origins;
      const except = origins.size === 1 && only !== null ? only : undefined;
      const merged = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, SYNC_UPDATE);
      encoding.writeVarUint8Array(encoder, merged);
      this.transport?.broadcast(documentId, encoding.toUint8Array(encoder), except);
    });
  }

  private async mayWrite(documentId: string, open: OpenDocument, participant: Participant): Promise<boolean> {
    if (Date.now() - participant.checkedAt > PERMISSION_TTL_MS) {
      const meta = await this.repository.findMeta(documentId);
      participant.canWrite =
        Boolean(meta && meta.archivedAt === null) &&
        (await this.authorization.canInWorkgroup(participant.actor, 'workgroup.content.write', open.workgroupId));
      participant.checkedAt = Date.now();
    }
    return participant.canWrite;
  }

  /** Loads once per document: concurrent joins wait for the same load; a failed load is never cached. */
  private load(documentId: string, workgroupId: string): Promise<OpenDocument> {
    const already = this.open.get(documentId);
    if (already) return Promise.resolve(already);
    const pending = this.loading.get(documentId);
    if (pending) return pending;
    const attempt = withTimeout(this.repository.loadState(documentId), this.config.collab.loadTimeoutMs)
      .then(({ snapshot, updates }) => {
        const doc = new Y.Doc({ gc: true });
        doc.transact(() => {
          if (snapshot) Y.applyUpdate(doc, snapshot);
          for (const update of updates) Y.applyUpdate(doc, update);
        });
        const open: OpenDocument = {
          workgroupId,
          doc,
          awareness: new Map(),
          participants: new Map(),
          pendingBroadcast: [],
          pendingOrigins: new Set(),
          ordering: null,
          updatesSinceCompaction: updates.length,
          unloadTimer: null,
        };
        this.open.set(documentId, open);
        return open;
      })
      .catch((err: Error) => {
        this.logger.error(`Loading document ${documentId} failed: ${err.message}`);
        throw loadFailed();
      })
      .finally(() => this.loading.delete(documentId));
    this.loading.set(documentId, attempt);
    return attempt;
  }

  private scheduleUnload(documentId: string, open: OpenDocument) {
    if (this.closing) return;
    if (open.unloadTimer) clearTimeout(open.unloadTimer);
    open.unloadTimer = setTimeout(() => {
      if (open.participants.size === 0) this.unload(documentId, open);
    }, this.config.collab.unloadAfterMs);
    open.unloadTimer.unref();
  }

  /** Everything in memory is also in the database (updates are stored before they are acknowledged). */
  private unload(documentId: string, open: OpenDocument) {
    if (open.unloadTimer) clearTimeout(open.unloadTimer);
    this.open.delete(documentId);
    open.doc.destroy();
    void this.compact(documentId);
    for (const listener of this.idleListeners) listener(documentId);
  }

  private async compact(documentId: string): Promise<void> {
    if (this.closing) return;
    try {
      await this.updateLog.flush();
      await this.repository.compact(documentId, mergeIntoSnapshot);
    } catch (err) {
      this.logger.warn(`Merging document ${documentId} failed (will retry in the sweep): ${(err as Error).message}`);
    }
  }

  private async sweep(): Promise<void> {
    try {
      const ids = await this.repository.documentsWithPendingUpdates(100, 20);
      for (const id of ids) await this.compact(id);
    } catch (err) {
      this.logger.warn(`Sweep failed: ${(err as Error).message}`);
    }
  }

  /** Someone's membership changed: close what they may no longer read, and re-check whether they may write. */
  private async recheckMember(workgroupId: string, userId: string): Promise<void> {
    for (const [documentId, open] of this.open) {
      if (open.workgroupId !== workgroupId) continue;
      for (const [connectionId, participant] of open.participants) {
        if (participant.actor.userId !== userId) continue;
        if (!(await this.authorization.canInWorkgroup(participant.actor, 'workgroup.content.read', workgroupId))) {
          this.leave(connectionId, documentId);
          this.transport?.revoke(connectionId, documentId);
        } else {
          participant.canWrite = await this.authorization.canInWorkgroup(
            participant.actor,
            'workgroup.content.write',
            workgroupId,
          );
          participant.checkedAt = Date.now();
        }
      }
    }
  }

  private onBusMessage(message: CollabBusMessage) {
    if (message.type === 'membership') {
      void this.recheckMember(message.workgroupId, message.userId);
      return;
    }
    if (message.type === 'signal') {
      this.transport?.signal(message.documentId, message.event, message.payload);
      return;
    }
    const open = this.open.get(message.documentId);
    if (!open) return;
    if (message.type === 'update') {
      Y.applyUpdate(open.doc, message.update, 'remote');
      this.queueBroadcast(message.documentId, open, message.update, null);
      return;
    }
    const entries = decodeAwarenessUpdate(message.update);
    for (const entry of entries) {
      if (entry.state === null) open.awareness.delete(entry.clientId);
      else open.awareness.set(entry.clientId, entry);
    }
    this.transport?.broadcast(message.documentId, awarenessMessage(entries));
  }
}

function mergeIntoSnapshot(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  // Applying to a Y.Doc in one transaction is far faster than Y.mergeUpdates for long logs.
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

function awarenessMessage(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(entries));
  return encoding.toUint8Array(encoder);
}

function readVarUintSafe(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw malformed('truncated message');
  }
}

function readBytesSafe(decoder: decoding.Decoder): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder);
  } catch {
    throw malformed('truncated message');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
