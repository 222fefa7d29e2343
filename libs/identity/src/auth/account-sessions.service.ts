import { Inject, Injectable } from '@nestjs/common';
import Bowser from 'bowser';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import { APP_CONFIG, AppConfig, notFound } from '@koers/core';
import type { AccountSession, EndedSessions } from '@koers/contracts';
import { AuthSessionRepository } from './auth-session.repository';
import { SocketSessions } from './socket-sessions';

/**
 * "Mijn sessies": the person's own live logins with browser and last use, and ending one or all others.
 * An ended session cannot refresh, its access token is refused on the next call, and its sockets close.
 */
@Injectable()
export class AccountSessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: AuthSessionRepository,
    private readonly socketSessions: SocketSessions,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<AccountSession[]> {
    const rows = await this.sessions.liveOf(actor.userId, this.config.auth.sessionIdleTimeoutSeconds);
    return rows.map((row) => ({
      id: row.id,
      current: row.id === actor.sessionId,
      browser: describeBrowser(row.userAgent),
      ip: row.ip,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt.toISOString(),
    }));
  }

  /** Ends one of my sessions (404 for someone else's or an ended one: ids cannot be probed). */
  async end(actor: Actor, sessionId: string): Promise<void> {
    if (!(await this.sessions.revokeOwn(actor.userId, sessionId, 'ended_by_user'))) {
      await this.audit.recordDenied(actor, {
        action: 'auth.session_end',
        entityType: 'session',
        entityId: sessionId,
        summary: { reason: 'not_found' },
      });
      throw notFound('De sessie');
    }
    await this.audit.recordChange(actor, { action: 'auth.session_end', entityType: 'session', entityId: sessionId });
    this.socketSessions.endFor({ sessionId }, 'session-ended');
  }

  /** Ends every session of mine except the one making this request. */
  async endOthers(actor: Actor): Promise<EndedSessions> {
    const ended = await this.dataSource.transaction(async (manager) => {
      const ids = await this.sessions.revokeAllOf(actor.userId, manager, 'ended_by_user', actor.sessionId);
      await this.audit.recordChange(
        actor,
        {
          action: 'auth.session_end_others',
          entityType: 'user',
          entityId: actor.userId,
          summary: { ended: ids.length },
        },
        manager,
      );
      return ids;
    });
    for (const sessionId of ended) this.socketSessions.endFor({ sessionId }, 'session-ended');
    return { ended: ended.length };
  }
}

/** "Chrome 156 op Linux", from the User-Agent the browser sent at login; a fallback for programs. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'Onbekende browser';
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = [parsed.os.name, parsed.platform.type === 'mobile' ? '(telefoon)' : null].filter(Boolean).join(' ');
  if (!browser) return 'Onbekende browser';
  return os ? `${browser} op ${os}` : browser;
}
