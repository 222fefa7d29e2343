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
}

@Injectable()
export class AuthSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(userId: string, refreshTokenHash: string, expiresAt: Date): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      'INSERT INTO auth_sessions (user_id, refresh_token_hash, expires_at) VALUES ($1, $2, $3) RETURNING id',
      [userId, refreshTokenHash, expiresAt],
    );
    return rows[0].id;
  }

  /** The user behind a live session of an active account, or null. Read on every authenticated call. */
  async findPrincipal(sessionId: string, userId: string): Promise<SessionPrincipal | null> {
    const rows: SessionPrincipal[] = await this.dataSource.query(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", u.organisation_id AS "organisationId",
              u.platform_role AS "platformRole", u.rvc_member AS "rvcMember",
              s.expires_at AS "sessionExpiresAt"
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [sessionId, userId],
    );
    return rows[0] ?? null;
  }

  /** Swaps a live refresh token for a new one (rotation); null when the old one is unknown or spent. */
  async rotate(oldHash: string, newHash: string): Promise<{ sessionId: string; userId: string } | null> {
    // A CTE, because TypeORM shapes the result of a bare UPDATE ... RETURNING as [rows, count].
    const rows: Array<{ id: string; user_id: string }> = await this.dataSource.query(
      `WITH rotated AS (
         UPDATE auth_sessions s SET refresh_token_hash = $2
           FROM users u
          WHERE s.refresh_token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND u.id = s.user_id AND u.active
          RETURNING s.id, s.user_id)
       SELECT id, user_id FROM rotated`,
      [oldHash, newHash],
    );
    return rows[0] ? { sessionId: rows[0].id, userId: rows[0].user_id } : null;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.query('UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [
      sessionId,
    ]);
  }

  async revokeAllOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
      userId,
    ]);
  }
}
