import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as Y from 'yjs';

/** Longest stretch of Yjs work before other sockets and requests get a turn. */
const SLICE_MS = 10;

/**
 * Applies a stored log to a document in slices, yielding to the event loop between them, so a long log
 * does not stall every other document; gives up once `deadline` (epoch ms) has passed.
 */
export async function applyInSlices(
  doc: Y.Doc,
  updates: Uint8Array[],
  deadline = Number.POSITIVE_INFINITY,
  origin: unknown = null,
): Promise<void> {
  let next = 0;
  while (next < updates.length) {
    const sliceStart = performance.now();
    // One transaction per slice: far cheaper than one per update for long logs.
    doc.transact(() => {
      while (next < updates.length) {
        Y.applyUpdate(doc, updates[next++], origin);
        if (performance.now() - sliceStart >= SLICE_MS) break;
      }
    }, origin);
    if (next === updates.length) return;
    await yieldToEventLoop();
    if (Date.now() > deadline) throw new Error('timed out while applying the log');
  }
}

/** The snapshot with the updates folded in, computed in slices (see applyInSlices). */
export async function mergeIntoSnapshot(snapshot: Uint8Array | null, updates: Uint8Array[]): Promise<Uint8Array> {
  const doc = new Y.Doc({ gc: true });
  try {
    await applyInSlices(doc, snapshot ? [snapshot, ...updates] : updates);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
