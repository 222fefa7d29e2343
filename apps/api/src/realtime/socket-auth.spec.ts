import type { Socket } from 'socket.io';
import type { Actor } from '@koers/access';
import type { AuthService } from '@koers/identity';
import { assertSessionLive, AuthenticatedSocketData, WRITE_SESSION_RECHECK_MS } from './socket-auth';

const actor = (sessionId: string, ip: string): Actor => ({
  userId: `user-${sessionId}`,
  email: 'a@example.nl',
  displayName: 'A',
  organisationId: 'org',
  platformRole: 'gebruiker' as Actor['platformRole'],
  rvcMember: false,
  sessionId,
  ip,
});

function socketOf(sessionId: string, ip = '10.0.0.1') {
  const data: AuthenticatedSocketData = { actor: actor(sessionId, ip), expiresAt: Date.now() + 60_000 };
  const emitted: string[] = [];
  const socket = {
    data,
    emitted,
    disconnected: false,
    emit: (event: string) => emitted.push(event),
    disconnect() {
      this.disconnected = true;
    },
  };
  return socket as typeof socket & Socket;
}

/** An AuthService whose session reading is counted and answered by `live`. */
function authReading(live: (sessionId: string) => boolean) {
  const readings: string[] = [];
  const auth = {
    current: async (who: Actor) => {
      readings.push(who.sessionId);
      return live(who.sessionId) ? { ...who, displayName: 'Fresh name', ip: null } : null;
    },
  };
  return { auth: auth as unknown as AuthService, readings };
}

describe('assertSessionLive', () => {
  it('reads a session once for all its sockets within the write window, and each socket keeps its own address', async () => {
    const { auth, readings } = authReading(() => true);
    const first = socketOf('s1', '10.0.0.1');
    const second = socketOf('s1', '10.0.0.2');
    const other = socketOf('s2');
    await assertSessionLive(first, auth, WRITE_SESSION_RECHECK_MS);
    await assertSessionLive(second, auth, WRITE_SESSION_RECHECK_MS);
    await assertSessionLive(first, auth, WRITE_SESSION_RECHECK_MS);
    await assertSessionLive(other, auth, WRITE_SESSION_RECHECK_MS);
    expect(readings).toEqual(['s1', 's2']);
    expect(first.data.actor).toMatchObject({ displayName: 'Fresh name', ip: '10.0.0.1' });
    expect(second.data.actor).toMatchObject({ displayName: 'Fresh name', ip: '10.0.0.2' });

    // A join asks for a reading of now (maxAge 0) once the last one is older than that.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await assertSessionLive(second, auth, 0);
    expect(readings).toEqual(['s1', 's2', 's1']);
  });

  it('closes the socket of an ended session, and does not keep the refusal', async () => {
    let live = false;
    const { auth, readings } = authReading(() => live);
    const socket = socketOf('s3');
    await expect(assertSessionLive(socket, auth, WRITE_SESSION_RECHECK_MS)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(socket.emitted).toEqual(['session-ended']);
    expect(socket.disconnected).toBe(true);

    live = true;
    const again = socketOf('s3');
    await assertSessionLive(again, auth, WRITE_SESSION_RECHECK_MS);
    expect(readings).toEqual(['s3', 's3']);
    expect(again.disconnected).toBe(false);
  });

  it('closes a socket whose token ran out without reading the session', async () => {
    const { auth, readings } = authReading(() => true);
    const socket = socketOf('s4');
    socket.data.expiresAt = Date.now() - 1;
    await expect(assertSessionLive(socket, auth, WRITE_SESSION_RECHECK_MS)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(readings).toEqual([]);
    expect(socket.disconnected).toBe(true);
  });
});
