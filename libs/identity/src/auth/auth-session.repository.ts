import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PlatformRole } from '@koers/access';

export interface SessionPrincipal {
  userId: string;
  email: string;
  displayName: string;
  organisationId: string;
  platformRole: PlatformRole;
  rvcMember: boolean;
  sessionExpiresAt: Date;
  /** Whether the account has a second factor turned on. */
  mfaEnabled: boolean;
  /** The saved MFA policy (null columns: none saved yet, the installation's default applies). */
  mfaPolicy: { requireAll: boolean; requireSecretariat: boolean; requireRvc: boolean } | null;
}

/** A live session as its owner sees it in "Mijn sessies". */
export interface LiveSessionRow {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** Why a session ended, kept on the row (shown to nobody; for the operator reading the database). */
export type SessionEndReason =
  'logout' | 'refresh_reuse' | 'password_set' | 'password_reset' | 'password_changed' | 'deactivated' | 'ended_by_user';

export type RotateResult =
  | { kind: 'rotated'; sessionId: string; userId: string }
  /** The token was spent before: replayed after the grace period, the session is ended. */
  | { kind: 'reused'; sessionId: string; userId: string; ended: boolean }
  | { kind: 'unknown' };

/**
 * Two requests of one browser (two tabs) may present the same refresh token a moment apart; within this
 * window a spent token is refused without treating it as theft.
 */
const REUSE_GRACE_SECONDS = 10;
/** last_used_at is written at most this often per session (not on every request). */
const TOUCH_EVERY_SECONDS = 30;

@Injectable()
export class AuthSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    userId: string,
    refreshTokenHash: string,
    expiresAt: Date,
    client: { userAgent: string | null; ip: string | null },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO auth_sessions (user_id, refresh_token_hash, expires_at, user_agent, ip)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, refreshTokenHash, expiresAt, client.userAgent?.slice(0, 400) ?? null, client.ip],
    );
    return rows[0].id;
  }

  /**
   * The user behind a live session of an active account, or null. Read on every authenticated call; a
   * session unused for longer than the idle timeout is no longer live. Marks the session as used.
   */
  async findPrincipal(sessionId: string, userId: string, idleSeconds: number): Promise<SessionPrincipal | null> {
    const rows: Array<
      Omit<SessionPrincipal, 'mfaPolicy'> & {
        stale: boolean;
        requireAll: boolean | null;
        requireSecretariat: boolean | null;
        requireRvc: boolean | null;
      }
    > = await this.dataSource.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", u.organisation_id AS "organisationId",
              u.platform_role AS "platformRole", u.rvc_member AS "rvcMember",
              s.expires_at AS "sessionExpiresAt",
              s.last_used_at < now() - make_interval(secs => $4) AS stale,
              (u.mfa_enabled_at IS NOT NULL OR EXISTS (SELECT 1 FROM passkeys k WHERE k.user_id = u.id))
                AS "mfaEnabled",
              p.require_all AS "requireAll", p.require_secretariat AS "requireSecretariat",
              p.require_rvc AS "requireRvc"
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN mfa_policy p ON true
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active
          AND s.last_used_at > now() - make_interval(secs => $3)`,
      [sessionId, userId, idleSeconds, TOUCH_EVERY_SECONDS],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.stale)
      await this.dataSource.query('UPDATE auth_sessions SET last_used_at = now() WHERE id = $1', [sessionId]);
    const { stale: _stale, requireAll, requireSecretariat, requireRvc, ...principal } = row;
    return {
      ...principal,
      mfaPolicy:
        requireAll === null ? null : { requireAll, requireSecretariat: !!requireSecretariat, requireRvc: !!requireRvc },
    };
  }

  /**
   * Swaps a live refresh token for a new one (rotation) and keeps the old one as spent. A spent token
   * presented again after the grace period means it was copied: the whole session ends.
   */
  async rotate(oldHash: string, newHash: string, idleSeconds: number): Promise<RotateResult> {
    return this.dataSource.transaction(async (manager) => {
      // A CTE, because TypeORM shapes the result of a bare UPDATE ... RETURNING as [rows, count].
      const rows: Array<{ id: string; user_id: string }> = await manager.query(
        `WITH rotated AS (
           UPDATE auth_sessions s SET refresh_token_hash = $2, last_used_at = now()
             FROM users u
            WHERE s.refresh_token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
              AND s.last_used_at > now() - make_interval(secs => $3)
              AND u.id = s.user_id AND u.active
            RETURNING s.id, s.user_id)
         SELECT id, user_id FROM rotated`,
        [oldHash, newHash, idleSeconds],
      );
      if (rows[0]) {
        await manager.query('INSERT INTO spent_refresh_tokens (token_hash, session_id) VALUES ($1, $2)', [
          oldHash,
          rows[0].id,
        ]);
        return { kind: 'rotated', sessionId: rows[0].id, userId: rows[0].user_id };
      }
      const spent: Array<{ session_id: string; user_id: string; within_grace: boolean; live: boolean }> =
        await manager.query(
          `SELECT t.session_id, s.user_id, t.spent_at > now() - make_interval(secs => $2) AS within_grace,
                  s.revoked_at IS NULL AS live
             FROM spent_refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
            WHERE t.token_hash = $1`,
          [oldHash, REUSE_GRACE_SECONDS],
        );
      const reuse = spent[0];
      if (!reuse) return { kind: 'unknown' };
      const end = !reuse.within_grace && reuse.live;
      if (end) await this.revoke(reuse.session_id, 'refresh_reuse', manager);
      return { kind: 'reused', sessionId: reuse.session_id, userId: reuse.user_id, ended: end };
    });
  }

  /** The person's live sessions (not ended, not expired, used within the idle timeout), last used first. */
  async liveOf(userId: string, idleSeconds: number): Promise<LiveSessionRow[]> {
    return this.dataSource.query(
      `SELECT id, created_at AS "createdAt", last_used_at AS "lastUsedAt", user_agent AS "userAgent", ip
         FROM auth_sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
          AND last_used_at > now() - make_interval(secs => $2)
        ORDER BY last_used_at DESC, created_at DESC
        LIMIT 100`,
      [userId, idleSeconds],
    );
  }

  /** Ends one session of this person; false when it is not theirs or already ended. */
  async revokeOwn(userId: string, sessionId: string, reason: SessionEndReason): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH ended AS (
         UPDATE auth_sessions SET revoked_at = now(), end_reason = $3
          WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL
          RETURNING id)
       SELECT id FROM ended`,
      [userId, sessionId, reason],
    );
    return rows.length > 0;
  }

  async revoke(
    sessionId: string,
    reason: SessionEndReason,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      'UPDATE auth_sessions SET revoked_at = now(), end_reason = $2 WHERE id = $1 AND revoked_at IS NULL',
      [sessionId, reason],
    );
  }

  /**
   * Ends every open session of a person, except `keepSessionId` (the caller's own, when they changed their
   * password). Returns the ids of the sessions it ended, so their sockets can be closed after the commit.
   */
  async revokeAllOf(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
    reason: SessionEndReason = 'deactivated',
    keepSessionId: string | null = null,
  ): Promise<string[]> {
    // A CTE, because TypeORM shapes the result of a bare UPDATE ... RETURNING as [rows, count].
    const rows: Array<{ id: string }> = await manager.query(
      `WITH ended AS (
         UPDATE auth_sessions SET revoked_at = now(), end_reason = $2
          WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)
          RETURNING id)
       SELECT id FROM ended`,
      [userId, reason, keepSessionId],
    );
    return rows.map((row) => row.id);
  }
}
