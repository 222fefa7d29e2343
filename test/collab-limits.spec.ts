import { DataSource } from 'typeorm';
import { CollabTestClient, eventually } from './support/collab-client';
import { createTestApp, TestApp } from './support/test-app';

describe('collaboration under pressure: rate limit and a failing load', () => {
  let t: TestApp;
  let token: string;
  let documentId: string;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    t = await createTestApp({ KOERS_COLLAB_RATE_LIMIT: '5', KOERS_COLLAB_UNLOAD_AFTER_MS: '0' });
    token = await t.login('aanjager.ondermijning@demo.koers.nl');
    const workgroups = (await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`)).body as Array<{
      id: string;
      name: string;
    }>;
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    documentId = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/documents`)
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 'Onder druk', kind: 'notitie' })
        .expect(201)
    ).body.id;
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  it('refuses messages beyond the per-connection rate with RATE_LIMITED and keeps the connection', async () => {
    const { client } = await CollabTestClient.open(t.url, token, documentId);
    clients.push(client);
    for (let i = 0; i < 30; i++) client.type(`${i % 10}`);
    const acks = await client.settled();
    const limited = acks.filter((a) => !a.ok);
    expect(limited.length).toBeGreaterThan(0);
    // Updates that build on a refused one are refused too (OUT_OF_SYNC): the log never has a hole.
    expect(limited.some((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true);
    expect(limited.every((a) => !a.ok && ['RATE_LIMITED', 'OUT_OF_SYNC'].includes(a.error.code))).toBe(true);
    expect(acks.some((a) => a.ok)).toBe(true);
    expect(client.socket.connected).toBe(true);
  });

  it('never opens a document empty when loading fails, and opens it intact once the database is back', async () => {
    const first = await CollabTestClient.open(t.url, token, documentId);
    clients.push(first.client);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let the rate limiter refill
    first.client.type('kostbare tekst');
    expect((await first.client.settled()).slice(-1)[0]).toEqual({ ok: true });
    const expected = first.client.text();
    first.client.close();
    const db = t.app.get(DataSource);
    await eventually(async () => {
      const [{ n }] = await db.query('SELECT count(*) AS n FROM document_snapshots WHERE document_id = $1', [
        documentId,
      ]);
      expect(n).toBe(1);
    });

    await db.query('ALTER TABLE document_snapshots RENAME TO document_snapshots_away');
    try {
      const failed = await CollabTestClient.open(t.url, token, documentId);
      clients.push(failed.client);
      expect(failed.join).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      await db.query('ALTER TABLE document_snapshots_away RENAME TO document_snapshots');
    }
    const again = await CollabTestClient.open(t.url, token, documentId);
    clients.push(again.client);
    expect(again.join).toMatchObject({ ok: true });
    await eventually(() => expect(again.client.text()).toBe(expected));
  });
});

describe('collaboration budgets per account and in bytes', () => {
  let t: TestApp;
  let documentId: string;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      KOERS_COLLAB_RATE_LIMIT: '100',
      KOERS_COLLAB_ACCOUNT_RATE_LIMIT: '5',
      KOERS_COLLAB_BYTES_PER_SECOND: '2048',
      KOERS_COLLAB_MAX_MESSAGE_BYTES: '4096',
    });
    const token = await t.login('aanjager.ondermijning@demo.koers.nl');
    const workgroups = (await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`)).body as Array<{
      id: string;
      name: string;
    }>;
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    documentId = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/documents`)
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 'Budgetten', kind: 'notitie' })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t.close();
  });

  const open = async (email: string) => {
    const { client, join } = await CollabTestClient.open(t.url, await t.login(email), documentId);
    clients.push(client);
    expect(join).toMatchObject({ ok: true });
    return client;
  };
  const refusedFor = (acks: Array<{ ok: boolean; error?: { code: string } }>, code: string) =>
    acks.filter((a) => !a.ok && a.error?.code === code).length;

  it("spends one account's message budget over all its connections, not another account's", async () => {
    // Each connection alone stays far below its own 100 a second; together they exceed the account's 5 (burst 10).
    const tabs = [await open('aanjager.ondermijning@demo.koers.nl'), await open('aanjager.ondermijning@demo.koers.nl')];
    for (const tab of tabs) for (let i = 0; i < 6; i++) tab.type(`${i}`);
    const acks = (await Promise.all(tabs.map((tab) => tab.settled()))).flat();
    expect(refusedFor(acks, 'RATE_LIMITED')).toBeGreaterThan(0);

    const colleague = await open('ovj.ondermijning@demo.koers.nl');
    for (let i = 0; i < 3; i++) colleague.type(`${i}`);
    expect((await colleague.settled()).every((a) => a.ok)).toBe(true);
  });

  it('refuses a connection that sends more bytes than its budget, with RATE_LIMITED', async () => {
    const sender = await open('politie.ondermijning@demo.koers.nl');
    for (let i = 0; i < 3; i++) sender.type('x'.repeat(1500));
    const acks = await sender.settled();
    expect(acks[0]).toEqual({ ok: true });
    expect(refusedFor(acks, 'RATE_LIMITED')).toBeGreaterThan(0);
    expect(sender.socket.connected).toBe(true);
  });
});
