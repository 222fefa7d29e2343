import * as Y from 'yjs';

/** Bounds on the Yjs work one update, and one document, may cause (see docs/protocol.md, "Rules and limits"). */
export interface UpdateLimits {
  /** Structs (items, deletions excluded) in one update. */
  maxUpdateItems: number;
  /** Distinct client ids in one update. */
  maxUpdateClients: number;
  /** Structs a document may hold in memory. */
  maxDocumentItems: number;
  /** Client ids a document may hold (every editor session is a new one; each costs a state-vector entry). */
  maxDocumentClients: number;
  /**
   * Items Yjs may have to step over to place the update's items. An item goes between its left and right
   * neighbour as they were when it was made; whatever was inserted there concurrently must be scanned and
   * ordered. A sequential edit costs nothing; two clients that each prepend thousands of items to one array
   * cost the product (quadratic).
   */
  maxIntegrationSteps: number;
}

/** What the server already has (stored, or on its way to the log). */
export interface KnownState {
  /** The next expected clock of a client: everything below it is known. */
  clock(client: number): number;
  itemCount: number;
  clientCount: number;
  /** Items of updates on their way to the log: not in the document yet, but they may be in the way. */
  inFlightItems: number;
}

export type UpdateVerdict =
  | { ok: true; clocks: Map<number, number>; newItems: number; steps: number }
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
  doc: Y.Doc,
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
  const newClients = [...clocks.keys()].filter((client) => known.clock(client) === 0).length;
  if (known.clientCount + newClients > limits.maxDocumentClients) return { ok: false, reason: 'document-full' };
  const steps = integrationSteps(accepted, byClient, doc, known.inFlightItems, limits.maxIntegrationSteps);
  if (steps > limits.maxIntegrationSteps) return { ok: false, reason: 'crowded' };
  return { ok: true, clocks, newItems, steps };
}

/**
 * An upper estimate of the items Yjs steps over to integrate `items` (in integration order), stopping
 * once it exceeds `budget`. An item placed between left and right neighbours that are both in the
 * document scans what lies between them there, plus the update's own items placed at the same position
 * before it, and (not knowing where they go) every item still on its way to the log; one whose right
 * neighbour is in the update scans at most what that neighbour scanned. Items placed after a new item, or
 * into a new type, scan only the update's own.
 */
function integrationSteps(
  items: Y.Item[],
  byClient: Map<number, Struct[]>,
  doc: Y.Doc,
  inFlightItems: number,
  budget: number,
): number {
  const parents = new Map<string, string | null>();
  const parentOf = (id: Y.ID) => parentIn(id, byClient, parents, (stored) => storedParentOf(doc, stored));
  const inUpdate = (id: Y.ID) => {
    const list = byClient.get(id.client);
    const struct = list?.[findStruct(list, id.clock)];
    return struct instanceof Y.Item && contains(struct, id) ? struct : null;
  };
  const placedAt = new Map<string, number>();
  const steps = new Map<Y.Item, number>();
  let total = 0;
  for (const item of items) {
    const key = positionKey(item, parentOf);
    const before = placedAt.get(key) ?? 0;
    placedAt.set(key, before + 1);
    const right = item.rightOrigin ? inUpdate(item.rightOrigin) : null;
    let own = steps.get(right!) ?? 0;
    if (!right) {
      const stored = storedDistance(doc, item, inUpdate, Math.max(0, budget - total));
      own = before + (stored === null ? 0 : stored + inFlightItems);
    }
    steps.set(item, own);
    total += own;
    if (total > budget) break;
  }
  return total;
}

/**
 * Items in the document between an item's left neighbour (or its parent's start) and its right one; null
 * when the item goes after a new item or into a new type (nothing stored can be in the way).
 */
function storedDistance(doc: Y.Doc, item: Y.Item, inUpdate: (id: Y.ID) => Y.Item | null, cap: number): number | null {
  let current: Y.Item | null;
  let steps = 0;
  if (item.origin) {
    if (inUpdate(item.origin) && Y.getState(doc.store, item.origin.client) <= item.origin.clock) return null;
    const origin = storedItem(doc, item.origin);
    if (!origin) return null;
    current = origin.right;
  } else {
    const parent = storedParentType(doc, item);
    // A root type is shared by name: concurrent updates may fill it even before the server has it.
    if (!parent) return typeof item.parent === 'string' ? 0 : null;
    if (item.parentSub !== null) {
      // Map entries: concurrent values of one key are ordered from the key's first item on.
      current = parent._map.get(item.parentSub) ?? null;
      while (current?.left && steps <= cap) {
        current = current.left;
        steps++;
      }
    } else current = parent._start;
  }
  while (current && !(item.rightOrigin && contains(current, item.rightOrigin)) && steps <= cap) {
    current = current.right;
    steps++;
  }
  return steps;
}

/** The type an item without a left neighbour is inserted into, when it already exists in the document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function storedParentType(doc: Y.Doc, item: Y.Item): Y.AbstractType<any> | null {
  if (typeof item.parent === 'string') return doc.share.get(item.parent) ?? null;
  if (item.parent instanceof Y.ID) {
    const parent = storedItem(doc, item.parent);
    return parent?.content instanceof Y.ContentType ? parent.content.type : null;
  }
  if (item.rightOrigin) {
    const right = storedItem(doc, item.rightOrigin);
    return right?.parent instanceof Y.AbstractType ? right.parent : null;
  }
  return null;
}

function storedItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs) return null;
  const struct = structs[findStruct(structs, id.clock)];
  return struct instanceof Y.Item && contains(struct, id) ? struct : null;
}

function contains(struct: { id: Y.ID; length: number }, id: Y.ID): boolean {
  return struct.id.client === id.client && id.clock >= struct.id.clock && id.clock < struct.id.clock + struct.length;
}

/**
 * Where an item goes: after its left neighbour (origin), or at the start of its parent (per map key).
 * `parentOf` finds the parent of an item referenced as right neighbour.
 */
function positionKey(
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
function storedParentOf(doc: Y.Doc, id: Y.ID): string | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs) return null;
  const struct = structs[findStruct(structs, id.clock)];
  return struct instanceof Y.Item && struct.parent instanceof Y.AbstractType ? typeKey(struct.parent) : null;
}

/** The structs of a loaded document (what maxDocumentItems bounds). */
export function countItems(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
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
