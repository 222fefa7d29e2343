import { Injectable, Logger } from '@nestjs/common';

/** Whose sockets to end: every socket of an account, or the sockets of one login session. */
export type SocketSessionTarget = { userId: string } | { sessionId: string };

/** Why, as the client is told (`session-ended` event) before its socket is closed. */
export type SocketEndReason = 'logout' | 'deactivated' | 'password' | 'role' | 'session-ended';

type Closer = (target: SocketSessionTarget, reason: SocketEndReason) => void;

/**
 * The one hook that ends open sockets when an account or a session changes: logout, deactivation, a new
 * password, a changed platform role or RVC seat, "end other sessions". Each socket namespace registers a
 * closer that disconnects the matching sockets on every instance (through the Socket.IO Redis adapter when
 * REDIS_URL is set). Call it after the change is committed. See docs/access.md.
 */
@Injectable()
export class SocketSessions {
  private readonly logger = new Logger(SocketSessions.name);
  private readonly closers: Closer[] = [];

  register(closer: Closer): void {
    this.closers.push(closer);
  }

  endFor(target: SocketSessionTarget, reason: SocketEndReason): void {
    for (const closer of this.closers) {
      try {
        closer(target, reason);
      } catch (err) {
        // The change itself is committed; a socket that stays open is still refused on its next event.
        this.logger.warn(`Ending sockets (${reason}) failed: ${(err as Error).message}`);
      }
    }
  }
}
