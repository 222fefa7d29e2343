import type { Namespace, Socket } from 'socket.io';
import type { Actor } from '@koers/access';
import { ACCESS_COOKIE, AuthService } from '@koers/identity';

/** What every authenticated socket carries (socket.data is plain data, so it also reaches other instances). */
export interface AuthenticatedSocketData {
  actor: Actor;
}

/**
 * No valid token, no connection: the same check as every HTTP route, with the token from the handshake's
 * `auth: { token }` or the httpOnly session cookie, never from the URL.
 */
export function requireAuthentication(namespace: Namespace, auth: AuthService): void {
  namespace.use((socket, next) => {
    auth
      .authenticate(handshakeToken(socket), socket.handshake.address ?? null)
      .then((actor) => {
        (socket.data as AuthenticatedSocketData).actor = actor;
        next();
      })
      .catch(() => next(new Error('UNAUTHENTICATED')));
  });
}

export const actorOf = (socket: Socket): Actor => (socket.data as AuthenticatedSocketData).actor;

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
