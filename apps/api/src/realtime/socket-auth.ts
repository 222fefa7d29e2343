import type { Namespace, Socket } from 'socket.io';
import type { Actor } from '@koers/access';
import { DomainError, ErrorCode } from '@koers/core';
import {
  ACCESS_COOKIE,
  AuthService,
  SocketEndReason,
  SocketSessions,
  SocketSessionTarget,
  unauthenticated,
} from '@koers/identity';

/** What every authenticated socket carries (socket.data is plain data, so it also reaches other instances). */
export interface AuthenticatedSocketData {
  actor: Actor;
  /** Epoch ms when the access token (or the session) runs out: the socket is closed then. */
  expiresAt: number;
}

/** Every socket of a user joins their own room: notifications reach all their tabs, on any instance. */
export const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** How long a write may rely on the last reading of the session (logout and the like close sockets at once). */
export const WRITE_SESSION_RECHECK_MS = 1_000;

/** Handshake refusals the client can act on: log in again, or retry (the server cannot check right now). */
export const HANDSHAKE_UNAUTHENTICATED = ErrorCode.Unauthenticated;
export const HANDSHAKE_UNAVAILABLE = ErrorCode.Unavailable;

const END_MESSAGES: Record<SocketEndReason | 'expired', string> = {
  logout: 'U bent uitgelogd.',
  deactivated: 'Uw account is gedeactiveerd.',
  password: 'Uw wachtwoord is gewijzigd; log opnieuw in.',
  role: 'Uw rol is gewijzigd; de verbinding wordt vernieuwd.',
  'session-ended': 'Deze sessie is beëindigd.',
  expired: 'Uw inlog is verlopen; de verbinding wordt vernieuwd.',
};

const expiryTimers = new WeakMap<Socket, NodeJS.Timeout>();
/**
 * The last reading of each session on this instance, shared by all its sockets: writes re-read a session at
 * most once per WRITE_SESSION_RECHECK_MS, not once per socket (a socket per open document and tab).
 */
const sessionReadings = new Map<string, { at: number; reading: Promise<Actor | null> }>();
const MAX_KEPT_READINGS = 10_000;

/**
 * No valid token, no connection: the same check as every HTTP route, with the token from the handshake's
 * `auth: { token }` or the httpOnly session cookie, never from the URL. A bad or expired token is answered
 * UNAUTHENTICATED (the client refreshes its session); any other failure, such as the database being down,
 * UNAVAILABLE with `data.retryable` (the client keeps its session and tries again).
 */
export function requireAuthentication(namespace: Namespace, auth: AuthService, sessions: SocketSessions): void {
  namespace.use((socket, next) => {
    auth
      .authenticateSession(handshakeToken(socket), socket.handshake.address ?? null)
      .then(async ({ actor, expiresAt, mustEnrol }) => {
        // Someone who must still set up a second factor gets no live updates or documents either (audited).
        if (mustEnrol) {
          const refusal = await auth.refuseUnenrolled(actor, { namespace: namespace.name });
          const error = new Error(ErrorCode.MfaEnrolmentRequired) as Error & { data: object };
          error.data = { code: ErrorCode.MfaEnrolmentRequired, retryable: false, message: refusal.message };
          next(error);
          return;
        }
        Object.assign(socket.data as AuthenticatedSocketData, { actor, expiresAt });
        next();
      })
      .catch((err: unknown) => {
        const refused = err instanceof DomainError && err.code === ErrorCode.Unauthenticated;
        const error = new Error(refused ? HANDSHAKE_UNAUTHENTICATED : HANDSHAKE_UNAVAILABLE) as Error & {
          data: object;
        };
        error.data = refused
          ? { code: HANDSHAKE_UNAUTHENTICATED, retryable: false }
          : { code: HANDSHAKE_UNAVAILABLE, retryable: true, message: 'De server is even niet bereikbaar.' };
        next(error);
      });
  });
  sessions.register((target, reason) => endSockets(namespace, target, reason));
}

/**
 * On connection: the rooms through which the socket's account and session can be ended on any instance,
 * and a timer that closes it when its token runs out (the client reconnects after refreshing its session).
 */
export function trackSession(socket: Socket): void {
  const { actor, expiresAt } = socket.data as AuthenticatedSocketData;
  void socket.join([userRoom(actor.userId), sessionRoom(actor.sessionId)]);
  const timer = setTimeout(() => end(socket, 'expired'), Math.max(0, expiresAt - Date.now()));
  timer.unref();
  expiryTimers.set(socket, timer);
}

export function untrackSession(socket: Socket): void {
  clearTimeout(expiryTimers.get(socket));
  expiryTimers.delete(socket);
}

/**
 * Before every event: the token has not run out, the session is live and the account active, as read from
 * the database at most `maxAgeMs` ago (joins and subscriptions: now; writes: WRITE_SESSION_RECHECK_MS); the
 * actor is refreshed with the account's current role and name. A socket that fails is told why and closed.
 */
export async function assertSessionLive(socket: Socket, auth: AuthService, maxAgeMs = 0): Promise<void> {
  const data = socket.data as AuthenticatedSocketData;
  if (Date.now() >= data.expiresAt) {
    end(socket, 'expired');
    throw unauthenticated();
  }
  const actor = await readSession(data.actor, auth, maxAgeMs);
  if (!actor) {
    end(socket, 'session-ended');
    throw unauthenticated();
  }
  data.actor = { ...actor, ip: data.actor.ip };
}

function readSession(actor: Actor, auth: AuthService, maxAgeMs: number): Promise<Actor | null> {
  const last = sessionReadings.get(actor.sessionId);
  if (last && Date.now() - last.at <= maxAgeMs) return last.reading;
  if (sessionReadings.size >= MAX_KEPT_READINGS) sessionReadings.clear();
  const entry = { at: Date.now(), reading: auth.current(actor) };
  sessionReadings.set(actor.sessionId, entry);
  // Only a live session is kept: after a refusal or a failed reading the next event reads again.
  const forget = () => {
    if (sessionReadings.get(actor.sessionId) === entry) sessionReadings.delete(actor.sessionId);
  };
  entry.reading.then((found) => found || forget(), forget);
  return entry.reading;
}

/** The socket's caller as last read, marked with the connection (its repeated refusals are audited as one). */
export const actorOf = (socket: Socket): Actor => ({
  ...(socket.data as AuthenticatedSocketData).actor,
  connectionId: socket.id,
});

function end(socket: Socket, reason: SocketEndReason | 'expired') {
  socket.emit('session-ended', { reason, message: END_MESSAGES[reason] });
  socket.disconnect(true);
}

/** Every socket of the account or session, on every instance (the Redis adapter carries it across). */
function endSockets(namespace: Namespace, target: SocketSessionTarget, reason: SocketEndReason) {
  const room = 'userId' in target ? userRoom(target.userId) : sessionRoom(target.sessionId);
  namespace.to(room).emit('session-ended', { reason, message: END_MESSAGES[reason] });
  namespace.in(room).disconnectSockets(true);
}

function handshakeToken(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth;
  const cookies = socket.handshake.headers.cookie ?? '';
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === ACCESS_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
