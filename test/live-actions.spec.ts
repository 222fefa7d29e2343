import type { Socket } from 'socket.io-client';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { eventually } from './support/collab-client';
import { liveSocket } from './support/live-client';
import { createTestApp, TestApp } from './support/test-app';

type Received = { id: string; title?: string; status?: string };

describe('live action lists over /live', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let workgroupId: string;
  const sockets: Socket[] = [];
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of [
      'secretariaat',
      'aanjager.ondermijning',
      'ovj.ondermijning',
      'aanjager.cyber',
      'rvc',
      'politie.ondermijning',
    ])
      tokens[who] = await t.login(`${who}@demo.koers.nl`);
    const workgroups = (await t.http().get('/api/workgroups').set(as('secretariaat'))).body as Array<{
      id: string;
      name: string;
    }>;
    workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('delivers created, updated and deleted actions to every subscriber of the werkgroep', async () => {
    const { socket, received } = await liveSocket<Received>(t.url, tokens['ovj.ondermijning']);
    sockets.push(socket);
    expect(await socket.emitWithAck('subscribe', { workgroupId })).toEqual({ ok: true });
    const created = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/actions`)
        .set(as('aanjager.ondermijning'))
        .send({ title: 'Live zichtbare actie' })
        .expect(201)
    ).body;
    await t
      .http()
      .patch(`/api/actions/${created.id}`)
      .set(as('aanjager.ondermijning'))
      .send({ status: 'in_uitvoering' })
      .expect(200);
    await t.http().delete(`/api/actions/${created.id}`).set(as('aanjager.ondermijning')).expect(204);
    await eventually(() =>
      expect(received.map((r) => [r.event, r.payload.id, r.payload.status])).toEqual([
        ['action.created', created.id, 'open'],
        ['action.updated', created.id, 'in_uitvoering'],
        ['action.deleted', created.id, undefined],
      ]),
    );
  });

  it('refuses subscriptions of outsiders and RVC members, who receive nothing', async () => {
    const outsider = await liveSocket<Received>(t.url, tokens['aanjager.cyber']);
    const rvc = await liveSocket<Received>(t.url, tokens['rvc']);
    sockets.push(outsider.socket, rvc.socket);
    expect(await outsider.socket.emitWithAck('subscribe', { workgroupId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await rvc.socket.emitWithAck('subscribe', { workgroupId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await outsider.socket.emitWithAck('subscribe', { workgroupId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await outsider.socket.emitWithAck('subscribe', 'nonsense')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    await t
      .http()
      .post(`/api/workgroups/${workgroupId}/actions`)
      .set(as('aanjager.ondermijning'))
      .send({ title: 'Geheime actie' })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(outsider.received).toEqual([]);
    expect(rvc.received).toEqual([]);
    await expect(liveSocket<Received>(t.url, 'not-a-token')).rejects.toThrow('UNAUTHENTICATED');
  });

  it('stops the events for a member who is removed, at once', async () => {
    const { socket, received } = await liveSocket<Received>(t.url, tokens['politie.ondermijning']);
    sockets.push(socket);
    expect(await socket.emitWithAck('subscribe', { workgroupId })).toEqual({ ok: true });
    const me = (await t.http().get('/api/me').set(as('politie.ondermijning'))).body.user.id as string;
    await t.http().delete(`/api/workgroups/${workgroupId}/members/${me}`).set(as('secretariaat')).expect(204);
    await eventually(() => expect(received.map((r) => r.event)).toContain('revoked'));
    await t
      .http()
      .post(`/api/workgroups/${workgroupId}/actions`)
      .set(as('aanjager.ondermijning'))
      .send({ title: 'Na verwijdering' })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((r) => r.event.startsWith('action.'))).toEqual([]);
  });
});

const withPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withPostgres('live action lists across instances (Redis)', () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let socket: Socket | null = null;
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  beforeAll(async () => {
    database = await createTestDatabase();
    one = await createTestApp({ REDIS_URL }, { database });
    two = await createTestApp({ REDIS_URL }, { database });
  });
  afterAll(async () => {
    socket?.close();
    await one.close();
    await two.close();
    await database.drop();
  });

  it('delivers an action created on one instance to a subscriber on the other', async () => {
    const token = await one.login('aanjager.ondermijning@demo.koers.nl');
    const workgroups = (await one.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`)).body as Array<{
      id: string;
      name: string;
    }>;
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    const live = await liveSocket<Received>(two.url, await two.login('ovj.ondermijning@demo.koers.nl'));
    socket = live.socket;
    expect(await socket.emitWithAck('subscribe', { workgroupId })).toEqual({ ok: true });
    const created = (
      await one
        .http()
        .post(`/api/workgroups/${workgroupId}/actions`)
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 'Over de instanties heen' })
        .expect(201)
    ).body;
    await eventually(() =>
      expect(live.received).toEqual([
        {
          event: 'action.created',
          payload: expect.objectContaining({ id: created.id, title: 'Over de instanties heen' }),
        },
      ]),
    );
  });
});
