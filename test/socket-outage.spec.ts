import { io, Socket } from 'socket.io-client';
import { DEMO } from './support/api-helpers';
import { OwnPostgres } from './support/own-services';
import { createTestApp, TestApp } from './support/test-app';

const suite = OwnPostgres.available() ? describe : describe.skip;

/** A connection attempt's outcome: connected, or the handshake's refusal. */
function connect(url: string, token: string): Promise<{ socket: Socket; error?: Error & { data?: unknown } }> {
  const socket = io(`${url}/collab`, {
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error: Error & { data?: unknown }) => resolve({ socket, error }));
  });
}

/** The socket handshake while the database is down: a retryable error, and the session survives it. */
suite('socket handshake during a database outage', () => {
  let postgres: OwnPostgres;
  let t: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    postgres = await OwnPostgres.create();
    t = await createTestApp(
      {},
      { database: { config: { kind: 'postgres', url: postgres.url, poolSize: 3 }, drop: async () => undefined } },
    );
  }, 120_000);
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    try {
      await postgres.start();
    } catch {
      // Running already.
    }
    await t?.close();
    await postgres?.destroy();
  });

  it('answers UNAVAILABLE (retryable), not UNAUTHENTICATED, and the same token connects once it is back', async () => {
    const token = await t.login(DEMO.aanjagerOndermijning);
    const before = await connect(t.url, token);
    sockets.push(before.socket);
    expect(before.error).toBeUndefined();

    await postgres.stop();
    const during = await connect(t.url, token);
    sockets.push(during.socket);
    expect(during.error?.message).toBe('UNAVAILABLE');
    expect(during.error?.data).toMatchObject({ code: 'UNAVAILABLE', retryable: true });

    await postgres.start();
    // The pool reconnects on its own; the session was never ended, so the same token is still good.
    let after = await connect(t.url, token);
    for (let attempt = 0; after.error?.message === 'UNAVAILABLE' && attempt < 20; attempt++) {
      after.socket.close();
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await connect(t.url, token);
    }
    sockets.push(after.socket);
    expect(after.error).toBeUndefined();
    await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  });
});
