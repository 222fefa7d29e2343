import type { Socket } from 'socket.io';

/**
 * Sends all WebSocket frames of one Socket.IO packet in one write.
 *
 * A binary event (every Yjs update) is encoded as two engine.io packets: a text header and the binary
 * attachment. Socket.IO hands them to engine.io one by one, and engine.io flushes after each: the header
 * goes out at once, the attachment waits until the header's write has completed (a later tick) and goes
 * out in a second system call. Per recipient, per update. Here the packets of one `writeToEngine` call
 * are queued first and flushed once, with the TCP socket corked so the frames leave in one `writev`.
 * The bytes on the wire are unchanged: every client of docs/protocol.md keeps working.
 */
export function batchPacketWrites(socket: Socket): void {
  const client = socket.client as unknown as EngineClient;
  if (client[BATCHED]) return; // one client carries the sockets of every namespace it joined
  client[BATCHED] = true;
  const writeToEngine = client.writeToEngine.bind(client);
  client.writeToEngine = (encodedPackets, opts) => {
    if (!Array.isArray(encodedPackets) || encodedPackets.length < 2) return writeToEngine(encodedPackets, opts);
    const conn = client.conn;
    const flush = conn.flush;
    conn.flush = noop;
    try {
      writeToEngine(encodedPackets, opts);
    } finally {
      conn.flush = flush;
    }
    const tcp = conn.transport?.socket?._socket; // only the WebSocket transport has one; polling batches itself
    tcp?.cork();
    try {
      conn.flush();
    } finally {
      tcp?.uncork();
    }
  };
}

const BATCHED = Symbol('koers.batchedWrites');
const noop = () => undefined;

/** The parts of socket.io's Client and engine.io's Socket used here (neither is in their typings). */
interface EngineClient {
  [BATCHED]?: boolean;
  conn: {
    flush: () => void;
    transport?: { socket?: { _socket?: { cork(): void; uncork(): void } } };
  };
  writeToEngine(encodedPackets: unknown, opts: unknown): void;
}
