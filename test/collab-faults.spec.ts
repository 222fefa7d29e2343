import * as Y from 'yjs';
import { DataSource } from 'typeorm';
import { CollabService } from '@koers/documents';
import { CollabTestClient, eventually, syncUpdateMessage } from './support/collab-client';
import { OwnPostgres } from './support/own-services';
import { createTestApp, TestApp } from './support/test-app';

async function createDocument(t: TestApp, token: string, title: string): Promise<string> {
  const workgroups = (await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`)).body as Array<{
    id: string;
    name: string;
  }>;
  const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
  const response = await t
    .http()
    .post(`/api/workgroups/${workgroupId}/documents`)
    .set('Authorization', `Bearer ${token}`)
    .send({ title, kind: 'notitie' })
    .expect(201);
  return response.body.id as string;
}

/** An update of `n` items each inserted at the start of a root array, as one client. */
function prepends(clientId: number, n: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const array = doc.getArray<number>('lijst');
  for (let i = 0; i < n; i++) array.insert(0, [i]);
  return Y.encodeStateAsUpdate(doc);
}

// Stopping a database needs a PostgreSQL cluster of the test's own (never the shared one).
const withOwnPostgres = process.env.TEST_DATABASE_URL && OwnPostgres.available() ? describe : describe.skip;

withOwnPostgres('nothing is visible that is not stored (database outage)', () => {
  let postgres: OwnPostgres;
  let t: TestApp;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    postgres = await OwnPostgres.create();
    t = await createTestApp(
      { KOERS_COLLAB_UNLOAD_AFTER_MS: '0', KOERS_COLLAB_PERMISSION_TIMEOUT_MS: '500' },
      { database: { config: { kind: 'postgres', url: postgres.url, poolSize: 5 }, drop: async () => undefined } },
    );
  }, 120_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t?.close();
    await postgres?.destroy();
  });

  it('keeps a failed write from everyone: another editor cannot build on it, and a fresh client sees every acknowledged edit', async () => {
    const mayor = await t.login('aanjager.ondermijning@demo.koers.nl');
    const prosecutor = await t.login('ovj.ondermijning@demo.koers.nl');
    const documentId = await createDocument(t, mayor, 'Storing');
    const { client: author } = await CollabTestClient.open(t.url, mayor, documentId);
    const { client: other } = await CollabTestClient.open(t.url, prosecutor, documentId);
    clients.push(author, other);

    author.type('vast ');
    expect(await author.settled()).toEqual(expect.arrayContaining([{ ok: true }]));
    await eventually(() => expect(other.text()).toBe('vast '));

    await postgres.stop();
    author.type('verloren ');
    const failed = (await author.settled()).slice(-1)[0];
    expect(failed).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await postgres.start();

    // The other editor never saw the failed edit, so what it writes next builds only on stored text.
    await new Promise((resolve) => setImmediate(resolve));
    expect(other.text()).toBe('vast ');
    other.type('en verder');
    await eventually(async () => {
      const acks = await other.settled();
      if (!acks.slice(-1)[0]?.ok) other.type('.');
      expect(acks.slice(-1)[0]).toEqual({ ok: true });
    }, 30_000);
    const acknowledged = other.text();

    // The author leaves without retrying; once nobody has the document open it is dropped from memory.
    author.close();
    other.close();
    const collab = t.app.get(CollabService);
    await eventually(() => expect(collab.openDocumentCount()).toBe(0));

    const { client: fresh } = await CollabTestClient.open(t.url, prosecutor, documentId);
    clients.push(fresh);
    await eventually(() => expect(fresh.text()).toBe(acknowledged));
    expect(acknowledged).toMatch(/^vast en verder/);
  }, 60_000);

  it('answers UNAVAILABLE when the permission re-check hangs, fails fast while it does, and writes again once the database is back', async () => {
    const mayor = await t.login('aanjager.ondermijning@demo.koers.nl');
    const documentId = await createDocument(t, mayor, 'Hangende database');
    const { client } = await CollabTestClient.open(t.url, mayor, documentId);
    clients.push(client);
    client.type('eerst ');
    expect((await client.settled()).slice(-1)[0]).toEqual({ ok: true });

    t.app.get(CollabService).expirePermissions(documentId);
    postgres.freeze();
    try {
      client.type('tijdens');
      const first = (await client.settled()).slice(-1)[0];
      expect(first).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      // While the re-check still hangs, later updates are answered at once instead of each waiting.
      const later = await Promise.all(
        ['a', 'b', 'c'].map((word) => {
          client.type(word);
          return client.settled().then((acks) => acks.slice(-1)[0]);
        }),
      );
      expect(later.every((ack) => !ack.ok && ack.error.code === 'UNAVAILABLE')).toBe(true);
    } finally {
      postgres.thaw();
    }
    await eventually(async () => {
      client.type('.');
      expect((await client.settled()).slice(-1)[0]).toEqual({ ok: true });
    }, 30_000);
  }, 60_000);
});

describe('updates that cannot be integrated, and Yjs work that must stay bounded', () => {
  let t: TestApp;
  let token: string;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    t = await createTestApp({ KOERS_COLLAB_RATE_LIMIT: '10000' });
    token = await t.login('aanjager.ondermijning@demo.koers.nl');
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  const open = async (documentId: string) => {
    const { client, join } = await CollabTestClient.open(t.url, token, documentId);
    expect(join).toMatchObject({ ok: true });
    clients.push(client);
    return client;
  };
  const storedUpdates = async (documentId: string) => {
    const [{ n }] = await t.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1', [documentId]);
    return n as number;
  };

  it('refuses updates whose dependencies never arrive (OUT_OF_SYNC): they never reach the log', async () => {
    const documentId = await createDocument(t, token, 'Gaten');
    const client = await open(documentId);
    await client.settled();
    const before = await storedUpdates(documentId);
    // A flood of updates that each build on one that is never sent.
    const source = new Y.Doc();
    const text = source.getText('notes');
    const floods: Uint8Array[] = [];
    for (let i = 0; i < 50; i++) {
      const stateBefore = Y.encodeStateVector(source);
      text.insert(text.length, `ontbrekend ${i} `);
      Y.encodeStateAsUpdate(source, stateBefore); // never sent
      const next = Y.encodeStateVector(source);
      text.insert(text.length, `bouwt voort ${i} `);
      floods.push(Y.encodeStateAsUpdate(source, next));
    }
    const acks = await Promise.all(floods.map((update) => client.send(syncUpdateMessage(update))));
    expect(acks.every((ack) => !ack.ok && ack.error.code === 'OUT_OF_SYNC')).toBe(true);
    expect(await storedUpdates(documentId)).toBe(before);

    // The same client, answering the server's state vector, sends everything at once: that is stored.
    client.type('gewoon getypt');
    expect((await client.settled()).slice(-1)[0]).toEqual({ ok: true });
    const reader = await open(documentId);
    await eventually(() => expect(reader.text()).toBe('gewoon getypt'));
  });

  it('refuses two updates that prepend to one array as different clients (quadratic ordering) and keeps answering another document', async () => {
    const attacked = await createDocument(t, token, 'Aanval');
    const unrelated = await createDocument(t, token, 'Gewoon werk');
    const attacker = await open(attacked);
    const editor = await open(unrelated);
    await Promise.all([attacker.settled(), editor.settled()]);
    const before = await storedUpdates(attacked);

    const floods = [prepends(1001, 2000), prepends(1002, 2000)].map((update) =>
      attacker.send(syncUpdateMessage(update)),
    );
    const meanwhile: Array<Promise<unknown>> = [];
    for (let i = 0; i < 10; i++) {
      editor.type(`${i}`);
      meanwhile.push(editor.settled());
    }
    const acks = await Promise.all(floods);
    // Alone, the first is cheap (a sequential prepend); the second, ordered against it, is quadratic.
    expect(acks).toEqual([
      { ok: true },
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }) }),
    ]);
    await Promise.all(meanwhile);
    expect(editor.acks.every((ack) => ack.ok)).toBe(true);
    expect(await storedUpdates(attacked)).toBe(before + 1);

    // Smaller: 400 items each, still 160,000 steps for the second.
    const other = await open(await createDocument(t, token, 'Kleinere aanval'));
    await other.settled();
    const first = await other.send(syncUpdateMessage(prepends(2001, 400)));
    const second = await other.send(syncUpdateMessage(prepends(2002, 400)));
    expect(first).toEqual({ ok: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('bounds the ordering work of one connection per second: many updates each within the budget are slowed down', async () => {
    const documentId = await createDocument(t, token, 'Veel werk');
    const client = await open(documentId);
    await client.settled();
    // 16,000 items at the start of an array, stored sequentially (no ordering work).
    const base = new Y.Doc();
    const array = base.getArray<number>('lijst');
    for (let i = 0; i < 8000; i++) array.insert(0, [i]);
    expect(await client.send(syncUpdateMessage(Y.encodeStateAsUpdate(base)))).toEqual({ ok: true });
    const before = Y.encodeStateVector(base);
    for (let i = 0; i < 8000; i++) array.insert(0, [i]);
    expect(await client.send(syncUpdateMessage(Y.encodeStateAsUpdate(base, before)))).toEqual({ ok: true });

    // Each of these, made without knowing the array, is ordered against all 16,000: just within the budget.
    const acks = await Promise.all(
      Array.from({ length: 6 }, (_, i) => {
        const doc = new Y.Doc();
        doc.clientID = 5000 + i;
        doc.getArray<number>('lijst').insert(0, [i]);
        return client.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
      }),
    );
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThan(0);
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
  });
});
