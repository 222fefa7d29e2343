// One editor of one document, the same interface for each target:
//   open() resolves once joined and synced; type(ch) inserts one character at the end of the shared text
//   (one keystroke = one Yjs update); acks are timed from the change to the server's acknowledgement.
// Koers and the relay are spoken to over Socket.IO /collab exactly as docs/protocol.md describes (the
// framing of test/support/collab-client.ts); Hocuspocus through its own provider over the `ws` package.
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const TEXT = 't';

/** Receives every remote update applied by any client: the end-to-end latency probe. */
export class Probe {
  constructor(histogram) {
    this.hist = histogram;
    this.sendTimes = new Map(); // clientID -> array indexed by clock: when that keystroke was made
    this.delivered = 0;
    this.recording = true;
  }
  /** Call right before the local change: the keystroke will get this client's next clock. */
  noteSend(doc) {
    const clock = Y.getState(doc.store, doc.clientID);
    let times = this.sendTimes.get(doc.clientID);
    if (!times) this.sendTimes.set(doc.clientID, (times = []));
    times[clock] = performance.now();
  }
  /** A receiver applied `update` (the doc's own 'update' event: only what was new to it). */
  onApply(update) {
    const now = performance.now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      const times = this.sendTimes.get(client);
      if (!times) continue;
      for (let clock = from.get(client) ?? 0; clock < end; clock++) {
        const t = times[clock];
        if (t === undefined) continue;
        this.delivered++;
        if (this.recording) this.hist.add(now - t);
      }
    }
  }
}

class BaseClient {
  constructor(probe, ackHist) {
    this.doc = new Y.Doc();
    this.probe = probe;
    this.ackHist = ackHist;
    this.acked = 0;
    this.failed = 0;
    this.outstanding = 0;
    this.idleWaiters = [];
    this.doc.on('update', (update, origin) => {
      if (origin !== null && origin !== undefined && this.probe) this.probe.onApply(update);
    });
  }
  type(ch = 'x') {
    const text = this.doc.getText(TEXT);
    this.probe?.noteSend(this.doc);
    text.insert(text.length, ch);
  }
  text() {
    return this.doc.getText(TEXT).toString();
  }
  /** Resolves when every update sent so far is acknowledged. */
  idle() {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
  settle(t0, ok) {
    this.outstanding--;
    if (ok) this.acked++;
    else this.failed++;
    if (this.ackHist) this.ackHist.add(performance.now() - t0);
    if (this.outstanding === 0 && this.idleWaiters.length) this.idleWaiters.splice(0).forEach((r) => r());
  }
}

/** Koers (/collab with join, sync and acked updates) or the bare relay (no sync: it keeps no state). */
export class SocketIoClient extends BaseClient {
  constructor({ url, token, documentId, sync, probe, ackHist }) {
    super(probe, ackHist);
    this.url = url;
    this.token = token;
    this.documentId = documentId;
    this.sync = sync;
    this.lastError = null;
    this.doc.on('update', (update, origin) => {
      if (origin === 'server') return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
  }
  send(message) {
    this.outstanding++;
    const t0 = performance.now();
    this.socket.timeout(30_000).emit('yjs', this.documentId, message, (err, ack) => {
      const ok = !err && ack?.ok;
      if (!ok) this.lastError = err ? err.message : ack?.error?.code;
      this.settle(t0, ok);
    });
  }
  async connect() {
    this.socket = io(`${this.url}/collab`, {
      transports: ['websocket'],
      auth: this.token ? { token: this.token } : {},
      reconnection: false,
      forceNew: true,
    });
    await new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('connect_error', reject);
    });
    this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
    this.socket.on('yjs', (documentId, message) => {
      if (documentId !== this.documentId) return;
      const decoder = decoding.createDecoder(new Uint8Array(message));
      if (decoding.readVarUint(decoder) !== 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const step = syncProtocol.readSyncMessage(decoder, encoder, this.doc, 'server');
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
      if (step === 1) this.resolveSynced(); // sync step 2: the server's state is here
    });
  }
  async join() {
    const ack = await this.socket.timeout(30_000).emitWithAck('join', { documentId: this.documentId });
    if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
    if (!this.sync) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
    await this.synced;
  }
  async open() {
    await this.connect();
    await this.join();
  }
  close() {
    this.socket?.close();
    this.doc.destroy();
  }
}

/** Hocuspocus 4 through @hocuspocus/provider (one WebSocket per editor, as one browser tab has). */
export class HocuspocusClient extends BaseClient {
  constructor({ url, documentId, probe, ackHist }) {
    super(probe, ackHist);
    this.url = url;
    this.documentId = documentId;
    this.sendQueue = [];
  }
  type(ch = 'x') {
    this.outstanding++;
    this.sendQueue.push(performance.now());
    super.type(ch);
  }
  open() {
    return new Promise((resolve, reject) => {
      let last = 0;
      this.provider = new HocuspocusProvider({
        url: this.url,
        name: this.documentId,
        document: this.doc,
        awareness: null, // no presence traffic, as for the other targets
        token: 'bench',
        WebSocketPolyfill: WebSocket,
        onSynced: () => resolve(),
        onAuthenticationFailed: ({ reason }) => reject(new Error(reason)),
        // The provider counts updates the server has not confirmed (its SyncStatus message): that is
        // Hocuspocus's acknowledgement (in memory, not stored anywhere).
        onUnsyncedChanges: ({ number }) => {
          for (let i = number; i < last && this.sendQueue.length; i++) this.settle(this.sendQueue.shift(), true);
          last = number;
        },
      });
    });
  }
  close() {
    this.provider?.destroy();
    this.doc.destroy();
  }
}
