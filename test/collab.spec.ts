import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { CollabService } from '@koers/documents';
import { CollabTestClient, eventually, syncUpdateMessage } from './support/collab-client';
import { createTestApp, TestApp } from './support/test-app';

describe('real-time documents over /collab', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const clients: CollabTestClient[] = [];
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const open = async (who: string | null, documentId: string, options?: { origin?: string }) => {
    const result = await CollabTestClient.open(t.url, who ? tokens[who] : null, documentId, options);
    clients.push(result.client);
    return result;
  };

  beforeAll(async () => {
    t = await createTestApp({ KOERS_COLLAB_MAX_MESSAGE_BYTES: '4096', KOERS_COLLAB_UNLOAD_AFTER_MS: '200' });
    for (const who of [
      'secretariaat',
      'aanjager.ondermijning',
      'ovj.ondermijning',
      'aanjager.cyber',
      'waarnemer.onrust',
      'aanjager.onrust',
      'rvc',
    ]) {
      tokens[who] = await t.login(`${who}@demo.koers.nl`);
    }
    const workgroups = (await t.http().get('/api/workgroups').set(as('secretariaat'))).body as Array<{
      id: string;
      name: string;
    }>;
    ids.ondermijning = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    ids.onrust = workgroups.find((w) => w.name.includes('onrust'))!.id;
    const plan = await t
      .http()
      .post(`/api/workgroups/${ids.ondermijning}/documents`)
      .set(as('aanjager.ondermijning'))
      .send({ title: 'Plan van aanpak geldstromen', kind: 'plan_van_aanpak' })
      .expect(201);
    ids.plan = plan.body.id;
    const minutes = await t
      .http()
      .post(`/api/workgroups/${ids.onrust}/documents`)
      .set(as('aanjager.onrust'))
      .send({ title: 'Verslag werksessie', kind: 'verslag' })
      .expect(201);
    ids.minutes = minutes.body.id;
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  it('creates documents from the template of their kind and exports them from the server', async () => {
    const html = await t
      .http()
      .get(`/api/documents/${ids.plan}/export?format=html`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('<h1>Plan van aanpak</h1>');
    expect(html.text).toContain('<h2>Aanpak per onderdeel</h2>');
    const md = await t
      .http()
      .get(`/api/documents/${ids.minutes}/export?format=md`)
      .set(as('aanjager.onrust'))
      .expect(200);
    expect(md.text).toContain('## Besluiten');
    const list = await t
      .http()
      .get(`/api/workgroups/${ids.ondermijning}/documents`)
      .set(as('ovj.ondermijning'))
      .expect(200);
    expect(list.body.map((d: { title: string }) => d.title)).toContain('Plan van aanpak geldstromen');
    await t
      .http()
      .post(`/api/workgroups/${ids.ondermijning}/documents`)
      .set(as('aanjager.ondermijning'))
      .send({ title: 'x', kind: 'roman' })
      .expect(400);
  });

  it('lets two members co-edit: both converge, every update is acknowledged after it is stored', async () => {
    const { client: mayor, join: j1 } = await open('aanjager.ondermijning', ids.plan);
    const { client: prosecutor, join: j2 } = await open('ovj.ondermijning', ids.plan);
    expect(j1).toEqual({ ok: true, readOnly: false });
    expect(j2).toEqual({ ok: true, readOnly: false });
    for (let i = 0; i < 20; i++) {
      mayor.type('b');
      prosecutor.type('o');
    }
    await eventually(() => {
      expect(mayor.text()).toHaveLength(40);
      expect(prosecutor.text()).toBe(mayor.text());
    });
    const acks = [...(await mayor.settled()), ...(await prosecutor.settled())];
    expect(acks.length).toBeGreaterThanOrEqual(40);
    expect(acks.every((ack) => ack.ok)).toBe(true);
    // A third client that joins later gets the whole state from the server.
    const { client: late } = await open('aanjager.ondermijning', ids.plan);
    await eventually(() => expect(late.text()).toBe(mayor.text()));
  });

  it('keeps other werkgroepen, RVC members and anonymous sockets out', async () => {
    expect((await open('aanjager.cyber', ids.plan)).join).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.any(String) },
    });
    expect((await open('rvc', ids.plan)).join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await open('aanjager.ondermijning', '00000000-0000-4000-8000-000000000000')).join).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expect(open(null, ids.plan)).rejects.toThrow('UNAUTHENTICATED');
    await expect(CollabTestClient.open(t.url, 'not-a-token', ids.plan)).rejects.toThrow('UNAUTHENTICATED');
    await expect(open('aanjager.ondermijning', ids.plan, { origin: 'https://evil.example' })).rejects.toThrow();
    const { client: outsider } = await open('aanjager.cyber', ids.cyber ?? ids.plan);
    const ack = await outsider.send(syncUpdateMessage(Y.encodeStateAsUpdate(new Y.Doc())));
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets a read-only observer follow along but refuses its updates and leaves the document unchanged', async () => {
    const { client: observer, join } = await open('waarnemer.onrust', ids.minutes);
    expect(join).toEqual({ ok: true, readOnly: true });
    const { client: writer } = await open('aanjager.onrust', ids.minutes);
    writer.type('besluit genomen');
    await eventually(() => expect(observer.text()).toBe('besluit genomen'));
    observer.type(' en overschreven');
    await observer.settled();
    expect(observer.acks[observer.acks.length - 1]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await writer.settled();
    const { client: fresh } = await open('aanjager.onrust', ids.minutes);
    await eventually(() => expect(fresh.text()).toBe('besluit genomen'));
  });

  it('answers malformed, truncated and oversized messages with an error and keeps serving everyone', async () => {
    const { client: a } = await open('aanjager.ondermijning', ids.plan);
    const { client: b } = await open('ovj.ondermijning', ids.plan);
    await eventually(() => expect(b.text()).toBe(a.text()));
    const before = a.text();
    const bad = [
      new Uint8Array([0, 2, 50, 1, 2, 3]), // update whose length exceeds the message
      new Uint8Array([0, 2, 3, 255, 255, 255]), // not a Yjs update
      new Uint8Array([7, 1, 2]), // unknown message type
      new Uint8Array([0]), // truncated
      new Uint8Array([1, 3, 1, 2, 3]), // unreadable awareness
      syncUpdateMessage(new Uint8Array(5000).fill(1)), // over the 4 kB limit of this test server
    ];
    for (const message of bad) {
      const ack = await a.send(message);
      expect(ack).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/VALIDATION_FAILED|PAYLOAD_TOO_LARGE/) },
      });
    }
    expect(await a.socket.timeout(5000).emitWithAck('yjs', ids.plan, 'text')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await a.socket.timeout(5000).emitWithAck('yjs', { documentId: ids.plan })).toMatchObject({ ok: false });
    expect(await a.socket.timeout(5000).emitWithAck('join', 'nonsense')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    // Still connected, document unchanged, and a valid edit still goes through to the other editor.
    a.type('!');
    await eventually(() => expect(b.text()).toBe(`${before}!`));
    expect((await a.settled()).slice(-1)[0]).toEqual({ ok: true });
  });

  it('relays presence with the identity the server knows, and removes it when a client leaves', async () => {
    const { client: a } = await open('aanjager.ondermijning', ids.plan);
    const { client: b } = await open('ovj.ondermijning', ids.plan);
    a.awareness.setLocalStateField('user', { name: 'Iemand anders', color: '#000' });
    a.awareness.setLocalStateField('cursor', { anchor: 1 });
    await eventually(() => {
      const seen = b.awareness.getStates().get(a.doc.clientID) as
        { user?: { name: string }; cursor?: unknown } | undefined;
      expect(seen?.user?.name).toBe('Burgemeester Nieuwegein (demo)');
      expect(seen?.cursor).toEqual({ anchor: 1 });
    });
    a.close();
    await eventually(() => expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });

  it('unloads a document nobody has open, merges its log, and loads it again intact', async () => {
    const collab = t.app.get(CollabService);
    const { client: a } = await open('aanjager.ondermijning', ids.plan);
    a.type('bewaard');
    await a.settled();
    const expected = a.text();
    a.close();
    await eventually(() => expect(collab.openDocumentCount()).toBe(0));
    const db = t.app.get(DataSource);
    let counts: { updates: number; snapshots: number } = { updates: -1, snapshots: -1 };
    await eventually(async () => {
      [counts] = await db.query(
        'SELECT (SELECT count(*) FROM document_updates WHERE document_id = $1) AS updates, (SELECT count(*) FROM document_snapshots WHERE document_id = $1) AS snapshots',
        [ids.plan],
      );
      expect(counts).toEqual({ updates: 0, snapshots: 1 });
    });
    const { client: again } = await open('ovj.ondermijning', ids.plan);
    await eventually(() => expect(again.text()).toBe(expected));
  });

  it('closes the document at once for a member who is removed from the werkgroep', async () => {
    const { client: prosecutor } = await open('ovj.ondermijning', ids.plan);
    await prosecutor.settled();
    const me = await t.http().get('/api/me').set(as('ovj.ondermijning')).expect(200);
    await t
      .http()
      .delete(`/api/workgroups/${ids.ondermijning}/members/${me.body.user.id}`)
      .set(as('secretariaat'))
      .expect(204);
    await eventually(() => expect(prosecutor.revoked).toEqual([ids.plan]));
    prosecutor.type('na verwijdering');
    await prosecutor.settled();
    expect(prosecutor.acks[prosecutor.acks.length - 1]).toMatchObject({ ok: false });
    await t
      .http()
      .post(`/api/workgroups/${ids.ondermijning}/members`)
      .set(as('secretariaat'))
      .send({ userId: me.body.user.id, role: 'lid' })
      .expect(201);
  });

  it('makes an archived document read-only at once, also for editors who have it open', async () => {
    const created = await t
      .http()
      .post(`/api/workgroups/${ids.ondermijning}/documents`)
      .set(as('aanjager.ondermijning'))
      .send({ title: 'Wordt gearchiveerd', kind: 'notitie' })
      .expect(201);
    const { client: editor } = await open('ovj.ondermijning', created.body.id);
    editor.type('voor archivering');
    expect((await editor.settled()).slice(-1)[0]).toEqual({ ok: true });
    await t
      .http()
      .patch(`/api/documents/${created.body.id}`)
      .set(as('aanjager.ondermijning'))
      .send({ archived: true })
      .expect(200);
    editor.type(' en erna');
    await editor.settled();
    expect(editor.acks[editor.acks.length - 1]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const reader = await open('aanjager.ondermijning', created.body.id);
    expect(reader.join).toEqual({ ok: true, readOnly: true });
    await eventually(() => expect(reader.client.text()).toBe('voor archivering'));
  });
});
