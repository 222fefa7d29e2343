import { io, Socket } from 'socket.io-client';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CollabAck, MESSAGE_AWARENESS, MESSAGE_SYNC } from '@koers/contracts';

export type Ack = CollabAck;

/**
 * A real client of the /collab protocol for tests: a Y.Doc and an Awareness bound to one document over
 * Socket.IO, framed exactly as y-websocket frames its messages.
 */
export class CollabTestClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly acks: Ack[] = [];
  readonly revoked: string[] = [];
  private pending = new Set<Promise<Ack>>();

  private constructor(
    readonly socket: Socket,
    readonly documentId: string,
  ) {
    socket.on('yjs', (documentId: string, message: ArrayBuffer | Uint8Array) => {
      if (documentId !== this.documentId) return;
      const decoder = decoding.createDecoder(new Uint8Array(message));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, 'server');
        if (encoding.length(encoder) > 1) void this.send(encoding.toUint8Array(encoder));
      } else if (type === MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
      }
    });
    socket.on('revoked', (payload: { documentId: string }) => this.revoked.push(payload.documentId));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'server') return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      void this.send(encoding.toUint8Array(encoder));
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === 'server') return;
        const changed = [...added, ...updated, ...removed];
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
        void this.send(encoding.toUint8Array(encoder));
      },
    );
  }

  /** Connects and joins; resolves with the join ack (the client is returned either way). */
  static async open(
    url: string,
    token: string | null,
    documentId: string,
    options: { origin?: string; transports?: Array<'websocket' | 'polling'> } = {},
  ): Promise<{ client: CollabTestClient; join: Ack }> {
    const socket = io(`${url}/collab`, {
      transports: options.transports ?? ['websocket'],
      auth: token ? { token } : {},
      extraHeaders: options.origin ? { Origin: options.origin } : undefined,
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    const client = new CollabTestClient(socket, documentId);
    const join = (await socket.timeout(10_000).emitWithAck('join', { documentId })) as Ack;
    if (join.ok) {
      // As y-websocket does: ask the server for what this client lacks.
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, client.doc);
      await client.send(encoding.toUint8Array(encoder));
    }
    return { client, join };
  }

  /** Sends one raw message and returns the server's ack. */
  send(message: Uint8Array, documentId = this.documentId): Promise<Ack> {
    const ack = (this.socket.timeout(10_000).emitWithAck('yjs', documentId, message) as Promise<Ack>).catch(
      (err: Error): Ack => ({ ok: false, error: { code: 'DISCONNECTED', message: err.message } }),
    );
    this.pending.add(ack);
    return ack.then((result) => {
      this.acks.push(result);
      this.pending.delete(ack);
      return result;
    });
  }

  /** Resolves when every message sent so far is acknowledged. */
  async settled(): Promise<Ack[]> {
    while (this.pending.size) await Promise.all([...this.pending]);
    return this.acks;
  }

  type(text: string, key = 'notes'): void {
    const yText = this.doc.getText(key);
    yText.insert(yText.length, text);
  }

  text(key = 'notes'): string {
    return this.doc.getText(key).toString();
  }

  close(): void {
    this.awareness.destroy();
    this.socket.close();
  }
}

/** Polls until the check passes (for what arrives asynchronously from another client). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
