import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { DEMO } from './support/api-helpers';
import { CollabTestClient } from './support/collab-client';
import { liveSocket } from './support/live-client';
import { createTestApp, TestApp } from './support/test-app';

type Ended = { reason: string; message: string };

/** Resolves with the reason Socket.IO gives when the socket closes (the server closing it: 'io server disconnect'). */
const closed = (socket: Socket) =>
  new Promise<string>((resolve) => {
    if (socket.disconnected) resolve('already');
    else socket.once('disconnect', (reason) => resolve(reason));
  });

/** The `session-ended` notice the server sends before closing a socket. */
const sessionEnded = (socket: Socket) => new Promise<Ended>((resolve) => socket.once('session-ended', resolve));

/** A connection attempt's outcome: connected, or the handshake's refusal. */
async function handshake(socket: Socket): Promise<{ connected: boolean; message?: string; data?: unknown }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err: Error & { data?: unknown }) =>
      resolve({ connected: false, message: err.message, data: err.data }),
    );
  });
}

describe('socket sessions that follow the account', () => {
  let t: TestApp;
  let workgroupId: string;
  let documentId: string;
  const sockets: Socket[] = [];
  const clients: CollabTestClient[] = [];
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    const mayor = await t.login(DEMO.aanjagerOndermijning);
    const workgroups = (await t.http().get('/api/workgroups').set(bearer(mayor))).body as Array<{
      id: string;
      name: string;
    }>;
    workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    documentId = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/documents`)
        .set(bearer(mayor))
        .send({ title: 'Sessies en sockets', kind: 'notitie' })
        .expect(201)
    ).body.id as string;
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
    clients.splice(0).forEach((c) => c.close());
  });
  afterAll(() => t.close());

  const open = async (token: string) => {
    const result = await CollabTestClient.open(t.url, token, documentId);
    clients.push(result.client);
    return result;
  };
  const live = async (token: string) => {
    const result = await liveSocket(t.url, token);
    sockets.push(result.socket);
    return result;
  };
  const userId = async (token: string) =>
    (await t.http().get('/api/me').set(bearer(token)).expect(200)).body.user.id as string;
  const storedTexts = async () =>
    (
      (await t.app
        .get(DataSource)
        .query('SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1', [documentId])) as Array<{
        n: number;
      }>
    )[0].n;

  it('closes the open /collab and /live sockets of a session at logout, and only that session', async () => {
    const token = await t.login(DEMO.ovjOndermijning);
    const otherSession = await t.login(DEMO.ovjOndermijning);
    const { client, join } = await open(token);
    expect(join.ok).toBe(true);
    const { socket: liveOne } = await live(token);
    const { socket: liveOther } = await live(otherSession);
    expect(await liveOne.emitWithAck('subscribe', { workgroupId })).toEqual({ ok: true });

    const ended = sessionEnded(client.socket);
    const collabClosed = closed(client.socket);
    const liveClosed = closed(liveOne);
    await t.http().post('/api/auth/logout').set(bearer(token)).expect(200);
    expect(await ended).toEqual({ reason: 'logout', message: expect.any(String) });
    expect(await collabClosed).toBe('io server disconnect');
    expect(await liveClosed).toBe('io server disconnect');
    expect(liveOther.connected).toBe(true);

    // The token itself is no good for a new socket either.
    const again = (await import('socket.io-client')).io(`${t.url}/collab`, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(again);
    expect(await handshake(again)).toMatchObject({ connected: false, message: 'UNAUTHENTICATED' });
  });

  it('closes every socket of a deactivated account at once; nothing it sends afterwards is stored', async () => {
    const admin = await t.login(DEMO.secretariaat);
    const token = await t.login(DEMO.belastingdienstOndermijning);
    const id = await userId(token);
    const { client } = await open(token);
    const { socket, received } = await live(token);
    expect(await socket.emitWithAck('subscribe', { workgroupId })).toEqual({ ok: true });
    const before = await storedTexts();

    const collabClosed = closed(client.socket);
    const liveClosed = closed(socket);
    await t.http().patch(`/api/users/${id}`).set(bearer(admin)).send({ active: false }).expect(200);
    expect(await collabClosed).toBe('io server disconnect');
    expect(await liveClosed).toBe('io server disconnect');
    client.type('na deactivering');
    await t
      .http()
      .post(`/api/workgroups/${workgroupId}/actions`)
      .set(bearer(await t.login(DEMO.aanjagerOndermijning)))
      .send({ title: 'Na deactivering' })
      .expect(201);
    expect(await storedTexts()).toBe(before);
    expect(received.filter((r) => r.event.startsWith('action.'))).toEqual([]);
    await t.http().patch(`/api/users/${id}`).set(bearer(admin)).send({ active: true }).expect(200);
  });

  it('closes the sockets of an account whose platform role changes, and judges new joins by the new role', async () => {
    // The account demotes itself from another session (the demo region has one secretariat account).
    const admin = await t.login(DEMO.secretariaat);
    const colleague = await t.login(DEMO.secretariaat);
    const id = await userId(colleague);
    const { client, join } = await open(colleague);
    expect(join).toMatchObject({ ok: true, readOnly: false });
    const ended = sessionEnded(client.socket);
    await t.http().patch(`/api/users/${id}`).set(bearer(admin)).send({ platformRole: 'gebruiker' }).expect(200);
    expect((await ended).reason).toBe('role');
    try {
      // The same token (its session is still live) now opens nothing of a werkgroep the person is not in.
      const { join: rejoin } = await open(colleague);
      expect(rejoin).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const { socket } = await live(colleague);
      expect(await socket.emitWithAck('subscribe', { workgroupId })).toMatchObject({ ok: false });
    } finally {
      // The demo region has one secretariat account (this one): restored directly.
      await t.app.get(DataSource).query(`UPDATE users SET platform_role = 'secretariaat' WHERE id = $1`, [id]);
    }
  });

  it('judges every join and subscribe by the account as it is now, not by the copy from the handshake', async () => {
    const db = t.app.get(DataSource);
    const member = await t.login(DEMO.politieOndermijning);
    const memberId = await userId(member);
    const secretary = await t.login(DEMO.secretariaat);
    const secretaryId = await userId(secretary);
    const { socket } = await live(member);
    const { client: memberClient } = await open(member);
    const { client: secretaryClient } = await open(secretary);
    const [membership] = (await db.query(
      'SELECT role FROM workgroup_members WHERE user_id = $1 AND workgroup_id = $2',
      [memberId, workgroupId],
    )) as Array<{ role: string }>;
    // Changed behind the application's back: no event closes the sockets, so the next check must see it.
    await db.query('DELETE FROM workgroup_members WHERE user_id = $1 AND workgroup_id = $2', [memberId, workgroupId]);
    await db.query(`UPDATE users SET platform_role = 'gebruiker' WHERE id = $1`, [secretaryId]);
    try {
      expect(await socket.emitWithAck('subscribe', { workgroupId })).toMatchObject({ ok: false });
      expect(await memberClient.socket.emitWithAck('join', { documentId })).toMatchObject({ ok: false });
      expect(await secretaryClient.socket.emitWithAck('join', { documentId })).toMatchObject({ ok: false });

      // A deactivated account's socket is closed at its next event.
      await db.query('UPDATE users SET active = false WHERE id = $1', [memberId]);
      const done = closed(socket);
      await socket
        .timeout(5000)
        .emitWithAck('subscribe', { workgroupId })
        .catch(() => null);
      expect(await done).toBe('io server disconnect');
    } finally {
      await db.query('UPDATE users SET active = true WHERE id = $1', [memberId]);
      await db.query(`UPDATE users SET platform_role = 'secretariaat' WHERE id = $1`, [secretaryId]);
      await db.query('INSERT INTO workgroup_members (workgroup_id, user_id, role) VALUES ($1, $2, $3)', [
        workgroupId,
        memberId,
        membership.role,
      ]);
    }
  });

  it('closes a socket when its access token runs out, so it never outlives the token', async () => {
    const token = await t.login(DEMO.ambtelijkOndermijning);
    const claims = new JwtService().decode<{ sub: string; sid: string }>(token);
    const shortLived = await new JwtService().signAsync(
      { sid: claims.sid },
      {
        subject: claims.sub,
        algorithm: 'HS256',
        issuer: t.config.auth.jwtIssuer,
        audience: t.config.auth.jwtAudience,
        expiresIn: 2,
        secret: t.config.auth.jwtSecret,
      },
    );
    const { client, join } = await open(shortLived);
    expect(join.ok).toBe(true);
    const ended = sessionEnded(client.socket);
    const done = closed(client.socket);
    expect((await ended).reason).toBe('expired');
    expect(await done).toBe('io server disconnect');
  });

  it('refuses a signed token without an expiry, on REST and on sockets', async () => {
    const token = await t.login(DEMO.ambtelijkOndermijning);
    const claims = new JwtService().decode<{ sub: string; sid: string }>(token);
    const endless = await new JwtService().signAsync(
      { sid: claims.sid },
      {
        subject: claims.sub,
        algorithm: 'HS256',
        issuer: t.config.auth.jwtIssuer,
        audience: t.config.auth.jwtAudience,
        secret: t.config.auth.jwtSecret,
      },
    );
    expect(new JwtService().decode<{ exp?: number }>(endless).exp).toBeUndefined();
    await t.http().get('/api/me').set(bearer(endless)).expect(401);
    const socket = (await import('socket.io-client')).io(`${t.url}/live`, {
      transports: ['websocket'],
      auth: { token: endless },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    expect(await handshake(socket)).toMatchObject({ connected: false, message: 'UNAUTHENTICATED' });
  });

  it("audits a socket's repeated refusals as one entry with a count, not a row each", async () => {
    const outsider = await t.login(DEMO.aanjagerCyber);
    const id = await userId(outsider);
    const denied = async () =>
      (
        (await t.app
          .get(DataSource)
          .query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND outcome = 'denied'`, [
            id,
          ])) as Array<{ n: number }>
      )[0].n;
    const before = await denied();
    const { client, join } = await open(outsider);
    expect(join.ok).toBe(false);
    for (let i = 0; i < 50; i++)
      expect(((await client.socket.emitWithAck('join', { documentId })) as { ok: boolean }).ok).toBe(false);
    expect((await denied()) - before).toBe(1);
    // The count is written when the socket's window closes (at the latest at shutdown).
  });

  it('never lets an outsider racing joins receive a byte of the document or its presence', async () => {
    const mayor = await t.login(DEMO.aanjagerOndermijning);
    const outsiders = await Promise.all([
      t.login(DEMO.aanjagerCyber),
      t.login(DEMO.rvc),
      t.login(DEMO.waarnemerOnrust),
      t.login(DEMO.aanjagerCyber),
    ]);
    const { client: editor } = await open(mayor);
    editor.awareness.setLocalStateField('cursor', { anchor: 1 });
    const leaked: string[] = [];
    const racers = await Promise.all(
      outsiders.map(async (token) => {
        const { client, join } = await open(token);
        expect(join.ok).toBe(false);
        client.socket.on('yjs', (id: string) => {
          if (id === documentId) leaked.push(id);
        });
        return client;
      }),
    );
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing && i < 400; i++) {
        editor.type('x');
        editor.awareness.setLocalStateField('cursor', { anchor: i });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Joins as fast as the rate limit allows, several sockets at once, while the member types.
    await Promise.all(
      racers.map(async (racer) => {
        for (let i = 0; i < 60; i++) {
          const ack = (await racer.socket.emitWithAck('join', { documentId })) as { ok: boolean };
          expect(ack.ok).toBe(false);
        }
      }),
    );
    typing = false;
    await typist;
    await editor.settled();
    expect(leaked).toEqual([]);
  });
});

const withPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

withPostgres('socket sessions across instances (Redis)', () => {
  let database: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  const sockets: Socket[] = [];
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  beforeAll(async () => {
    database = await createTestDatabase();
    one = await createTestApp({ REDIS_URL }, { database });
    two = await createTestApp({ REDIS_URL }, { database });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await one.close();
    await two.close();
    await database.drop();
  });

  it('closes the sockets on the other instance when the account is deactivated or the session logs out', async () => {
    const admin = await one.login(DEMO.secretariaat);
    const token = await two.login(DEMO.ovjOndermijning);
    const id = (
      await one
        .http()
        .get('/api/me')
        .set({ Authorization: `Bearer ${token}` })
    ).body.user.id as string;
    const { socket } = await liveSocket(two.url, token);
    sockets.push(socket);
    const done = closed(socket);
    await one
      .http()
      .patch(`/api/users/${id}`)
      .set({ Authorization: `Bearer ${admin}` })
      .send({ active: false });
    expect(await done).toBe('io server disconnect');
    await one
      .http()
      .patch(`/api/users/${id}`)
      .set({ Authorization: `Bearer ${admin}` })
      .send({ active: true });

    const again = await two.login(DEMO.ovjOndermijning);
    const { socket: second } = await liveSocket(two.url, again);
    sockets.push(second);
    const secondDone = closed(second);
    await one
      .http()
      .post('/api/auth/logout')
      .set({ Authorization: `Bearer ${again}` })
      .expect(200);
    expect(await secondDone).toBe('io server disconnect');
  });
});
