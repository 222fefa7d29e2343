import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { DomainError, ErrorCode } from '@koers/core';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Decodes a y-protocols awareness update (throws on malformed input). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 10_000) throw new Error('too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const state = JSON.parse(json) as unknown;
    if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
      throw new Error('awareness state must be an object or null');
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
  return entries;
}

export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

const COLORS = ['#1f5fa8', '#a12a5e', '#2d6a2d', '#8a4b00', '#5b3a9e', '#00676b', '#b3261e', '#44546a'];

/** A stable colour per person (all have 4.5:1 contrast on white for cursor labels). */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length];
}

/** Replaces whatever `user` a client claims with who the server knows it is: nobody can pose as someone else. */
export function stampIdentity(entries: AwarenessEntry[], user: CollabUser): AwarenessEntry[] {
  return entries.map((entry) => (entry.state === null ? entry : { ...entry, state: { ...entry.state, user } }));
}

/**
 * Presence is small and few: one client id per open editor (a few for tabs sharing a connection), a cursor
 * and a name. Anything beyond these bounds is refused whole, so no reader can flood the others' screens.
 */
export const PRESENCE_LIMITS = { clientsPerConnection: 4, stateBytes: 4 * 1024, statesPerDocument: 200 };

export function assertPresenceWithinLimits(
  entries: AwarenessEntry[],
  ownClients: ReadonlySet<number>,
  documentStates: ReadonlyMap<number, AwarenessEntry>,
): void {
  const newClients = new Set(entries.map((entry) => entry.clientId).filter((id) => !ownClients.has(id)));
  if (ownClients.size + newClients.size > PRESENCE_LIMITS.clientsPerConnection)
    throw presenceRefused(`meer dan ${PRESENCE_LIMITS.clientsPerConnection} aanwezigheden per verbinding`);
  if (entries.some((entry) => entry.state && JSON.stringify(entry.state).length > PRESENCE_LIMITS.stateBytes))
    throw presenceRefused(`een aanwezigheid groter dan ${PRESENCE_LIMITS.stateBytes / 1024} kB`);
  const added = entries.filter((entry) => entry.state !== null && !documentStates.has(entry.clientId)).length;
  if (documentStates.size + added > PRESENCE_LIMITS.statesPerDocument)
    throw presenceRefused(`meer dan ${PRESENCE_LIMITS.statesPerDocument} aanwezigen in dit document`);
}

const presenceRefused = (what: string) =>
  new DomainError(ErrorCode.PayloadTooLarge, `Aanwezigheid geweigerd: ${what}.`);
