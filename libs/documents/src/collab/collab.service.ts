import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Actor, AuthorizationService } from '@koers/access';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from '@koers/contracts';
import { APP_CONFIG, AppConfig, EventBus, notFound, RepeatLogger } from '@koers/core';
import { DocumentRepository } from '../document.repository';
import {
  assertPresenceWithinLimits,
  AwarenessEntry,
  colorFor,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
  stampIdentity,
} from './awareness-identity';
import { BusStatus, CollabBus, CollabBusMessage } from './collab-bus';
import {
  loadFailed,
  malformed,
  missingDependency,
  notJoined,
  permissionCheckTimedOut,
  queueFull,
  tooMuchWork,
  readOnly,
  storageFailed,
  tooLarge,
  updateTooBig,
} from './collab-errors';
import { checkUpdate, countItems, KnownState, UpdateLimits } from './update-check';
import { UpdateLog } from './update-log';
import { applyInSlices, mergeIntoSnapshot } from './yjs-work';

/** How long a cached write permission is trusted before it is checked again. */
const PERMISSION_TTL_MS = 10_000;
/** At most one "send me what I lack" (sync step 1) per connection in this time after OUT_OF_SYNC. */
const RESYNC_HINT_INTERVAL_MS = 1_000;
const UNLIMITED: UpdateLimits = {
  maxUpdateItems: Number.POSITIVE_INFINITY,
  maxUpdateClients: Number.POSITIVE_INFINITY,
  maxDocumentItems: Number.POSITIVE_INFINITY,
  maxDocumentClients: Number.POSITIVE_INFINITY,
  maxIntegrationSteps: Number.POSITIVE_INFINITY,
};

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
  /** Set while this connection's updates wait for a permission re-check: later ones queue behind it. */
  queue: Promise<void> | null;
  queued: number;
  /** The re-check in progress, and whether it has already taken too long (then later updates fail fast). */
  recheck: Promise<boolean> | null;
  recheckOverdue: boolean;
  resyncHintAt: number;
  /** Yjs ordering work this connection may still cause (a bucket refilled with the per-update budget each second). */
  workTokens: number;
  workRefilledAt: number;
}

interface OpenDocument {
  workgroupId: string;
  /**
   * What the log holds: an update is applied only once its write committed, so nothing here (nor in what
   * is sent, published, snapshotted, versioned or exported from it) can vanish with a failed write.
   */
  doc: Y.Doc;
  /** Highest clock per client of updates on their way to the log: later updates may build on them. */
  inFlightClocks: Map<number, number>;
  inFlightCount: number;
  inFlightItems: number;
  /** Bumped when a write of this document fails: every update then in flight is refused with it. */
  generation: number;
  /** Structs in the document (counted on load, then grown by each update): maxDocumentItems. */
  itemCount: number;
  /** Awareness states by client id, as last stamped by the server. */
  awareness: Map<number, AwarenessEntry>;
  participants: Map<string, Participant>;
  pendingBroadcast: Uint8Array[];
  /** The connections whose updates are in pendingBroadcast (null: the server's own or another instance's). */
  pendingOrigins: Set<string | null>;
  updatesSinceCompaction: number;
  unloadTimer: NodeJS.Timeout | null;
}

/**
 * The documents that are open on this instance, and the rules of the wire protocol: who may join, who may
 * write, that every update is stored before it is acknowledged, that awareness carries the real identity.
 */
@Injectable()
export class CollabService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log = new RepeatLogger(CollabService.name);
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
    private readonly events: EventBus,
    private readonly bus: CollabBus,
  ) {}

  onModuleInit(): void {
    this.bus.onMessage((message) => this.onBusMessage(message));
    this.bus.onReconnect(() => void this.resync());
    this.updateLog.onFailure((documentIds) => {
      for (const documentId of documentIds) {
        const open = this.open.get(documentId);
        if (!open) continue;
        open.generation++;
        open.inFlightClocks.clear();
        open.inFlightCount = 0;
        open.inFlightItems = 0;
      }
    });
    this.events.on('membership.changed', 'open documents', (change) => {
      this.bus.publish({ type: 'membership', ...change });
      return this.recheckMember(change.workgroupId, change.userId);
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
      await this.store(documentId, open, update, Y.decodeUpdate(update), userId, null, null, UNLIMITED);
      return;
    }
    await this.updateLog.append({ documentId, data: update, userId }).catch(() => {
      throw storageFailed();
    });
    this.committed(documentId, update, null, null);
  }

  /** The current content: from memory when the document is open here, else from the database. */
  async currentState(documentId: string): Promise<Uint8Array> {
    const open = this.open.get(documentId);
    if (open) return Y.encodeStateAsUpdate(open.doc);
    await this.updateLog.flush();
    const { snapshot, updates } = await this.repository.loadState(documentId);
    return await mergeIntoSnapshot(snapshot, updates);
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
    open.participants.set(connectionId, {
      actor,
      canWrite,
      checkedAt: Date.now(),
      awarenessClients: new Set(),
      queue: null,
      queued: 0,
      recheck: null,
      recheckOverdue: false,
      resyncHintAt: 0,
      workTokens: 2 * this.config.collab.maxIntegrationSteps,
      workRefilledAt: Date.now(),
    });
    // Start the sync: the server's state vector; the client answers with what the server lacks.
    this.transport?.sendTo(connectionId, documentId, step1Message(open.doc));
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

  /** Whether edits reach the other instances: `off` without Redis, `down` while it is unreachable. */
  busStatus(): BusStatus {
    return this.bus.status();
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
    const userId = participant.actor.userId;
    if (!participant.queue && Date.now() - participant.checkedAt <= PERMISSION_TTL_MS) {
      // The cached permission is fresh: checked and appended in this turn, in arrival order.
      if (!participant.canWrite) throw readOnly();
      return this.store(documentId, open, update, decoded, userId, connectionId, participant, this.config.collab);
    }
    // The permission is re-checked in the database. This connection's later updates wait their turn (one
    // may build on this one); other connections cannot build on it (nothing is sent before it is stored)
    // and go on. The queue is bounded, and so is the wait.
    if (participant.queued >= this.config.collab.maxQueuedPerConnection) throw queueFull();
    participant.queued++;
    const turn = (participant.queue ?? Promise.resolve()).then(async () => {
      if (!(await this.mayWrite(documentId, open, participant))) throw readOnly();
      if (open.participants.get(connectionId) !== participant) throw notJoined();
      return {
        stored: this.store(documentId, open, update, decoded, userId, connectionId, participant, this.config.collab),
      };
    });
    const done = turn.then(
      () => undefined,
      () => undefined,
    );
    participant.queue = done;
    void done.then(() => {
      participant.queued--;
      if (participant.queue === done) participant.queue = null;
    });
    await (
      await turn
    ).stored;
  }

  /**
   * Checks an update against what is stored or on its way to the log, appends it, and once it is committed
   * applies it to the document and sends it on. Resolves then; a failed write is refused (UNAVAILABLE) and
   * leaves no trace in memory.
   */
  private store(
    documentId: string,
    open: OpenDocument,
    update: Uint8Array,
    decoded: ReturnType<typeof Y.decodeUpdate>,
    userId: string,
    connectionId: string | null,
    participant: Participant | null,
    limits: UpdateLimits,
  ): Promise<void> {
    const check = () => checkUpdate(decoded, this.knownState(open), limits, open.doc);
    let verdict = check();
    if (!verdict.ok && verdict.reason === 'document-full') {
      // The running count only grows (Yjs merges structs as it goes): count the document itself once.
      open.itemCount = countItems(open.doc);
      verdict = check();
    }
    if (!verdict.ok) {
      if (verdict.reason === 'missing') {
        if (connectionId) this.hintResync(connectionId, documentId, open);
        throw missingDependency();
      }
      throw updateTooBig(LIMIT_TEXT[verdict.reason]);
    }
    if (participant && verdict.steps > 0) this.spendWork(participant, verdict.steps);
    for (const [client, clock] of verdict.clocks)
      open.inFlightClocks.set(client, Math.max(clock, open.inFlightClocks.get(client) ?? 0));
    open.inFlightCount++;
    open.inFlightItems += verdict.newItems;
    const generation = open.generation;
    const settled = () => {
      if (open.generation !== generation) return;
      open.inFlightCount--;
      open.inFlightItems -= verdict.newItems;
      if (open.inFlightCount === 0) open.inFlightClocks.clear();
    };
    return this.updateLog.append({ documentId, data: update, userId }).then(
      () => {
        settled();
        open.itemCount += verdict.newItems;
        this.committed(documentId, update, connectionId, open);
        open.updatesSinceCompaction++;
        if (open.updatesSinceCompaction >= this.config.collab.compactAfterUpdates) {
          open.updatesSinceCompaction = 0;
          void this.compact(documentId);
        }
      },
      () => {
        settled();
        throw storageFailed();
      },
    );
  }

  /**
   * Each update's ordering work is bounded; this bounds its rate per connection too, so many updates each
   * just within the budget cannot keep the event loop busy. Sequential editing costs nothing.
   */
  private spendWork(participant: Participant, steps: number) {
    const perSecond = this.config.collab.maxIntegrationSteps;
    const now = Date.now();
    participant.workTokens = Math.min(
      2 * perSecond,
      participant.workTokens + ((now - participant.workRefilledAt) / 1000) * perSecond,
    );
    participant.workRefilledAt = now;
    if (participant.workTokens < steps) throw tooMuchWork();
    participant.workTokens -= steps;
  }

  /** A stored update becomes visible: in this instance's copy (if open or opening), its editors, the others. */
  private committed(documentId: string, update: Uint8Array, origin: string | null, open: OpenDocument | null) {
    this.bus.publish({ type: 'update', documentId, update });
    this.applyStored(documentId, update, origin, open);
  }

  /** Applies a stored update to the open copy (or to the one being loaded, once it is) and broadcasts it. */
  private applyStored(documentId: string, update: Uint8Array, origin: string | null, expected: OpenDocument | null) {
    const apply = (open: OpenDocument) => {
      Y.applyUpdate(open.doc, update, origin ?? 'remote');
      this.queueBroadcast(documentId, open, update, origin);
    };
    const open = this.open.get(documentId);
    if (open) apply(open);
    else if (expected === null) void this.loading.get(documentId)?.then(apply, () => undefined);
  }

  /** What the server has or will have once the writes in flight commit. */
  private knownState(open: OpenDocument): KnownState {
    return {
      clock: (client) => Math.max(Y.getState(open.doc.store, client), open.inFlightClocks.get(client) ?? 0),
      itemCount: open.itemCount,
      clientCount: open.doc.store.clients.size + open.inFlightClocks.size,
      inFlightItems: open.inFlightItems,
    };
  }

  /** After OUT_OF_SYNC: the server's state vector, so the client answers with everything the server lacks. */
  private hintResync(connectionId: string, documentId: string, open: OpenDocument) {
    const participant = open.participants.get(connectionId);
    if (!participant || Date.now() - participant.resyncHintAt < RESYNC_HINT_INTERVAL_MS) return;
    participant.resyncHintAt = Date.now();
    this.transport?.sendTo(connectionId, documentId, step1Message(open.doc));
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
    assertPresenceWithinLimits(own, participant.awarenessClients, open.awareness);
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

  /**
   * The cached write permission, re-checked when stale. A re-check that hangs (the database is slow or
   * down) is answered UNAVAILABLE after the timeout; while it is still running, later updates of the same
   * connection fail fast instead of each waiting the full timeout.
   */
  private async mayWrite(documentId: string, open: OpenDocument, participant: Participant): Promise<boolean> {
    if (Date.now() - participant.checkedAt <= PERMISSION_TTL_MS) return participant.canWrite;
    if (participant.recheck && participant.recheckOverdue) throw permissionCheckTimedOut();
    if (!participant.recheck) {
      participant.recheckOverdue = false;
      const recheck = (async () => {
        const meta = await this.repository.findMeta(documentId);
        participant.canWrite =
          Boolean(meta && meta.archivedAt === null) &&
          (await this.authorization.canInWorkgroup(participant.actor, 'workgroup.content.write', open.workgroupId));
        participant.checkedAt = Date.now();
        return participant.canWrite;
      })();
      participant.recheck = recheck;
      void recheck
        .catch((err: Error) => this.log.error(`Permission re-check failed: ${err.message}`))
        .finally(() => {
          if (participant.recheck === recheck) participant.recheck = null;
        });
    }
    try {
      return await withTimeout(participant.recheck, this.config.collab.permissionCheckTimeoutMs);
    } catch {
      participant.recheckOverdue = true;
      throw permissionCheckTimedOut();
    }
  }

  /** Loads once per document: concurrent joins wait for the same load; a failed load is never cached. */
  private load(documentId: string, workgroupId: string): Promise<OpenDocument> {
    const already = this.open.get(documentId);
    if (already) return Promise.resolve(already);
    const pending = this.loading.get(documentId);
    if (pending) return pending;
    const deadline = Date.now() + this.config.collab.loadTimeoutMs;
    const attempt = withTimeout(this.repository.loadState(documentId), this.config.collab.loadTimeoutMs)
      .then(async ({ snapshot, updates }) => {
        const doc = new Y.Doc({ gc: true });
        try {
          await applyInSlices(doc, snapshot ? [snapshot, ...updates] : updates, deadline);
        } catch (err) {
          doc.destroy();
          throw err;
        }
        const open: OpenDocument = {
          workgroupId,
          doc,
          inFlightClocks: new Map(),
          inFlightCount: 0,
          inFlightItems: 0,
          generation: 0,
          itemCount: countItems(doc),
          awareness: new Map(),
          participants: new Map(),
          pendingBroadcast: [],
          pendingOrigins: new Set(),
          updatesSinceCompaction: updates.length,
          unloadTimer: null,
        };
        this.open.set(documentId, open);
        return open;
      })
      .catch((err: Error) => {
        this.log.error(`Loading a document failed: ${err.message}`);
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
      if (open.participants.size > 0) return;
      // Updates still on their way to the log are applied here once committed: wait for them.
      if (open.inFlightCount > 0) this.scheduleUnload(documentId, open);
      else this.unload(documentId, open);
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
      const merged = await this.repository.compact(documentId, mergeIntoSnapshot);
      // Derived text (the search's) is recomputed by listeners, debounced, never on the ack path.
      if (merged > 0) this.events.publish('document.merged', { documentId });
    } catch (err) {
      this.log.error(`Merging a document failed (will retry in the sweep): ${(err as Error).message}`);
    }
  }

  private async sweep(): Promise<void> {
    try {
      const ids = await this.repository.documentsWithPendingUpdates(100, 20);
      for (const id of ids) await this.compact(id);
    } catch (err) {
      this.log.error(`Sweep failed: ${(err as Error).message}`);
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

  /**
   * After a bus outage: whatever other instances stored meanwhile was published into the void. Each open
   * document reloads the log and sends its editors what they missed, so nobody needs to reload.
   */
  private async resync(): Promise<void> {
    for (const [documentId, open] of [...this.open]) {
      try {
        const { snapshot, updates } = await this.repository.loadState(documentId);
        if (this.open.get(documentId) !== open) continue;
        const before = Y.encodeStateVector(open.doc);
        await applyInSlices(open.doc, snapshot ? [snapshot, ...updates] : updates, undefined, 'remote');
        open.itemCount = countItems(open.doc);
        const missed = Y.encodeStateAsUpdate(open.doc, before);
        const decoded = Y.decodeUpdate(missed);
        if (decoded.structs.length || decoded.ds.clients.size) this.queueBroadcast(documentId, open, missed, null);
      } catch (err) {
        this.log.error(`Resynchronising a document after a bus outage failed: ${(err as Error).message}`);
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
    if (message.type === 'update') {
      // Stored by the other instance before it was published.
      this.applyStored(message.documentId, message.update, null, null);
      return;
    }
    const open = this.open.get(message.documentId);
    if (!open) return;
    const entries = decodeAwarenessUpdate(message.update);
    for (const entry of entries) {
      if (entry.state === null) open.awareness.delete(entry.clientId);
      else open.awareness.set(entry.clientId, entry);
    }
    this.transport?.broadcast(message.documentId, awarenessMessage(entries));
  }
}

const LIMIT_TEXT = {
  'too-many-items': 'te veel onderdelen in één wijziging',
  'too-many-clients': 'te veel bronnen in één wijziging',
  'document-full': 'het document heeft het maximale aantal onderdelen bereikt',
  crowded: 'te veel gelijktijdige invoegingen op één plek',
} as const;

function step1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
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
