import * as Y from 'yjs';

/** Bounds on the Yjs work one update, and one document, may cause (see docs/protocol.md, "Rules and limits"). */
export interface UpdateLimits {
  /** Structs (items, deletions excluded) in one update. */
  maxUpdateItems: number;
  /** Distinct client ids in one update. */
  maxUpdateClients: number;
  /** Structs a document may hold in memory. */
  maxDocumentItems: number;
  /**
   * Items inserted at one position (same left neighbour, or the start of the same parent) that Yjs must
   * order among each other. Integrating an item scans every concurrent item at its position, so this bounds
   * the quadratic cost of "many clients prepend to the same array".
   */
  maxItemsAtPosition: number;
}

/** What the server already has (stored, or on its way to the log) and how crowded each position is. */
export interface KnownState {
  /** The next expected clock of a client: everything below it is known. */
  clock(client: number): number;
  /** Items already at a position key (see positionKey). */
  itemsAt(key: string): number;
  itemCount: number;
}

export type UpdateVerdict =
  | { ok: true; clocks: Map<number, number>; positions: Map<string, number>; newItems: number }
  | { ok: false; reason: 'missing' | 'too-many-items' | 'too-many-clients' | 'document-full' | 'crowded' };

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteRange = { clock: number; len: number };

/**
 * Decides, without touching the document, whether an update may be stored: every struct it builds on
 * (its own predecessor, origins, parent, deleted ranges) is known or in the update itself, in an order
 * Yjs can integrate; and it stays within the limits. Linear in the update's size.
 */
export function checkUpdate(
  decoded: ReturnType<typeof Y.decodeUpdate>,
  known: KnownState,
  limits: UpdateLimits,
  parentOf: (id: Y.ID) => string | null,
): UpdateVerdict {
  const { structs } = decoded;
  if (structs.length > limits.maxUpdateItems) return { ok: false, reason: 'too-many-items' };
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  for (const client of decoded.ds.clients.keys()) if (!byClient.has(client)) byClient.set(client, []);
  if (byClient.size > limits.maxUpdateClients) return { ok: false, reason: 'too-many-clients' };

  // Integrate in the order Yjs could: a struct goes once its predecessor and references are known. Every
  // sweep advances at least one struct or stops, and there are at most maxUpdateClients lists.
  const clocks = new Map<number, number>();
  const clockOf = (client: number) => clocks.get(client) ?? known.clock(client);
  const has = (id: Y.ID | null) => id === null || id.clock < clockOf(id.client);
  const next = new Map<number, number>([...byClient.keys()].map((client) => [client, 0]));
  let newItems = 0;
  const accepted: Y.Item[] = [];
  for (let progress = true; progress;) {
    progress = false;
    for (const [client, list] of byClient) {
      let i = next.get(client)!;
      for (; i < list.length; i++) {
        const struct = list[i];
        if (struct instanceof Y.Skip) {
          if (struct.id.clock + struct.length <= clockOf(client)) continue;
          break;
        }
        if (struct.id.clock > clockOf(client)) break;
        if (struct instanceof Y.Item) {
          const parent = struct.parent instanceof Y.ID ? struct.parent : null;
          if (!has(struct.origin) || !has(struct.rightOrigin) || !has(parent)) break;
        }
        const end = struct.id.clock + struct.length;
        if (end > clockOf(client)) {
          if (struct instanceof Y.Item) {
            newItems++;
            accepted.push(struct);
          }
          clocks.set(client, end);
        }
      }
      if (i !== next.get(client)) progress = true;
      next.set(client, i);
    }
  }
  for (const [client, list] of byClient) {
    const rest = list.slice(next.get(client));
    if (rest.some((struct) => !(struct instanceof Y.Skip))) return { ok: false, reason: 'missing' };
  }
  for (const [client, ranges] of decoded.ds.clients)
    if (ranges.some((range: DeleteRange) => range.clock + range.len > clockOf(client)))
      return { ok: false, reason: 'missing' };

  if (known.itemCount + newItems > limits.maxDocumentItems) return { ok: false, reason: 'document-full' };
  const positions = new Map<string, number>();
  const parents = new Map<string, string | null>();
  const keyOf = (item: Y.Item) => positionKey(item, (id) => parentIn(id, byClient, parents, parentOf));
  for (const item of accepted) {
    const key = keyOf(item);
    const count = (positions.get(key) ?? 0) + 1;
    if (count + known.itemsAt(key) > limits.maxItemsAtPosition) return { ok: false, reason: 'crowded' };
    positions.set(key, count);
  }
  return { ok: true, clocks, positions, newItems };
}

/**
 * Where an item goes: after its left neighbour (origin), or at the start of its parent (per map key).
 * `parentOf` finds the parent of an item referenced as right neighbour.
 */
export function positionKey(
  item: { origin: Y.ID | null; rightOrigin: Y.ID | null; parent: unknown; parentSub: string | null },
  parentOf: (id: Y.ID) => string | null,
): string {
  if (item.origin) return `after:${item.origin.client}:${item.origin.clock}`;
  let parent: string | null = null;
  if (typeof item.parent === 'string') parent = `root:${item.parent}`;
  else if (item.parent instanceof Y.ID) parent = `type:${item.parent.client}:${item.parent.clock}`;
  else if (item.parent instanceof Y.AbstractType) parent = typeKey(item.parent);
  else if (item.rightOrigin) parent = parentOf(item.rightOrigin);
  return `start:${parent ?? '?'}:${item.parentSub ?? ''}`;
}

/** The parent of an item already integrated in a document. */
export function storedParentOf(doc: Y.Doc, id: Y.ID): string | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs) return null;
  const struct = structs[findStruct(structs, id.clock)];
  return struct instanceof Y.Item && struct.parent instanceof Y.AbstractType ? typeKey(struct.parent) : null;
}

/** Counts the items of a loaded document per position, and its structs. */
export function countPositions(doc: Y.Doc): { positions: Map<string, number>; itemCount: number } {
  const positions = new Map<string, number>();
  let itemCount = 0;
  for (const structs of doc.store.clients.values()) {
    itemCount += structs.length;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const key = positionKey(struct, () => null);
      positions.set(key, (positions.get(key) ?? 0) + 1);
    }
  }
  return { positions, itemCount };
}

function typeKey(type: Y.AbstractType<unknown>): string {
  const item = type._item;
  return item ? `type:${item.id.client}:${item.id.clock}` : `root:${Y.findRootTypeKey(type)}`;
}

/** The parent of an item of the update (following right neighbours, memoised), else of a stored one. */
function parentIn(
  id: Y.ID,
  byClient: Map<number, Struct[]>,
  memo: Map<string, string | null>,
  parentOf: (id: Y.ID) => string | null,
): string | null {
  const chain: string[] = [];
  let current: Y.ID | null = id;
  let result: string | null = null;
  while (current) {
    const memoKey = `${current.client}:${current.clock}`;
    if (memo.has(memoKey)) {
      result = memo.get(memoKey)!;
      break;
    }
    chain.push(memoKey);
    const list = byClient.get(current.client);
    const struct: Struct | undefined = list?.[findStruct(list, current.clock)];
    if (
      !(struct instanceof Y.Item) ||
      current.clock < struct.id.clock ||
      current.clock >= struct.id.clock + struct.length
    ) {
      result = parentOf(current);
      break;
    }
    if (typeof struct.parent === 'string') result = `root:${struct.parent}`;
    else if (struct.parent instanceof Y.ID) result = `type:${struct.parent.client}:${struct.parent.clock}`;
    else {
      current = struct.origin ?? struct.rightOrigin;
      if (current) continue;
    }
    break;
  }
  for (const key of chain) memo.set(key, result);
  return result;
}

/** Binary search: the index of the struct whose clock range holds `clock` (or the nearest below). */
function findStruct(structs: Array<{ id: Y.ID; length: number }>, clock: number): number {
  let low = 0;
  let high = structs.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (structs[mid].id.clock <= clock) low = mid;
    else high = mid - 1;
  }
  return low;
}
