import * as Y from 'yjs';
import { checkUpdate, countItems, KnownState, UpdateLimits } from './update-check';

const limits: UpdateLimits = {
  maxUpdateItems: 1000,
  maxUpdateClients: 5,
  maxDocumentItems: 10_000,
  maxDocumentClients: 100,
  maxIntegrationSteps: 1000,
};

function verdict(server: Y.Doc, update: Uint8Array, overrides: Partial<UpdateLimits> = {}, inFlightItems = 0) {
  const known: KnownState = {
    clock: (client) => Y.getState(server.store, client),
    itemCount: countItems(server),
    clientCount: server.store.clients.size,
    inFlightItems,
  };
  return checkUpdate(Y.decodeUpdate(update), known, { ...limits, ...overrides }, server);
}

/** A client that shares the server's state, then changes its copy; returns the update of that change. */
function change(server: Y.Doc, edit: (doc: Y.Doc) => void, clientId?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientId) doc.clientID = clientId;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('checkUpdate', () => {
  it('accepts an update that builds on what the server has, and a whole state with references inside it', () => {
    const server = new Y.Doc();
    Y.applyUpdate(
      server,
      change(server, (doc) => doc.getText('t').insert(0, 'hallo')),
    );
    expect(
      verdict(
        server,
        change(server, (doc) => doc.getText('t').insert(5, ' wereld')),
      ),
    ).toMatchObject({ ok: true });
    const other = new Y.Doc();
    other.getText('t').insert(0, 'a');
    const third = new Y.Doc();
    Y.applyUpdate(third, Y.encodeStateAsUpdate(other));
    third.getText('t').insert(1, 'b');
    expect(verdict(new Y.Doc(), Y.encodeStateAsUpdate(third))).toMatchObject({ ok: true });
  });

  it('refuses an update whose own predecessor, left neighbour or deleted item the server lacks', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getText('t').insert(0, 'nooit verstuurd');
    const sent = Y.encodeStateVector(client);
    client.getText('t').insert(15, ' en verder');
    expect(verdict(server, Y.encodeStateAsUpdate(client, sent))).toEqual({ ok: false, reason: 'missing' });

    // Another client's update that inserts after text the server never got.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client));
    const before = Y.encodeStateVector(other);
    other.getText('t').insert(3, 'x');
    expect(verdict(server, Y.encodeStateAsUpdate(other, before))).toEqual({ ok: false, reason: 'missing' });

    const deleting = new Y.Doc();
    Y.applyUpdate(deleting, Y.encodeStateAsUpdate(client));
    const beforeDelete = Y.encodeStateVector(deleting);
    deleting.getText('t').delete(0, 3);
    expect(verdict(server, Y.encodeStateAsUpdate(deleting, beforeDelete))).toEqual({ ok: false, reason: 'missing' });
  });

  it('bounds items and clients per update and per document', () => {
    const server = new Y.Doc();
    const big = change(server, (doc) => {
      for (let i = 0; i < 60; i++) doc.getArray('a').insert(0, [i]);
    });
    expect(verdict(server, big, { maxUpdateItems: 10 })).toEqual({ ok: false, reason: 'too-many-items' });
    expect(verdict(server, big, { maxDocumentItems: 30 })).toEqual({ ok: false, reason: 'document-full' });
    expect(verdict(server, big, { maxDocumentClients: 0 })).toEqual({ ok: false, reason: 'document-full' });
    const many = new Y.Doc();
    for (let i = 0; i < 8; i++) {
      const source = new Y.Doc();
      source.getMap('m').set(`k${i}`, i);
      Y.applyUpdate(many, Y.encodeStateAsUpdate(source));
    }
    expect(verdict(server, Y.encodeStateAsUpdate(many))).toEqual({ ok: false, reason: 'too-many-clients' });
  });

  it('refuses concurrent prepends whose ordering would cost more than the step budget, not sequential ones', () => {
    const prepends = (base: Y.Doc, clientId: number, n: number) =>
      change(
        base,
        (doc) => {
          for (let i = 0; i < n; i++) doc.getArray('a').insert(0, [i]);
        },
        clientId,
      );
    const empty = new Y.Doc();
    const first = prepends(empty, 1, 100);
    const concurrent = prepends(empty, 2, 100); // made without knowing `first`
    expect(verdict(empty, first)).toMatchObject({ ok: true });
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    // 100 items, each ordered against the 100 of the first client: 10,000 steps.
    expect(verdict(server, concurrent)).toEqual({ ok: false, reason: 'crowded' });
    expect(verdict(server, concurrent, { maxIntegrationSteps: 20_000 })).toMatchObject({ ok: true });
    // The same while the first is still on its way to the log (not in the document yet).
    expect(verdict(empty, concurrent, {}, 100)).toEqual({ ok: false, reason: 'crowded' });

    // Newest on top, over and over, by many clients that each saw the document: nothing to order.
    for (let client = 10; client < 40; client++) {
      const onTop = prepends(server, client, 20);
      expect(verdict(server, onTop)).toMatchObject({ ok: true });
      Y.applyUpdate(server, onTop);
    }
    // Concurrent sets of one map key are ordered against each other.
    const keys = new Y.Doc();
    for (let client = 100; client < 140; client++) {
      const set = change(keys, (doc) => doc.getMap('m').set('titel', client), client);
      Y.applyUpdate(keys, set);
    }
    expect(
      verdict(
        keys,
        change(new Y.Doc(), (doc) => doc.getMap('m').set('titel', 0), 99),
      ),
    ).toMatchObject({
      ok: true,
    });
  });
});
