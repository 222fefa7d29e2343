import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PlatformRole } from '@koers/access';
import { TransactionHost } from '@koers/core';

export interface DigestRecipient {
  userId: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole;
}

/** Preferences and the per-week delivery record of the weekly digest. */
@Injectable()
export class DigestRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The user's choice; on unless they turned it off. */
  async weeklyDigest(userId: string, manager?: EntityManager): Promise<boolean> {
    const rows: Array<{ weekly_digest: boolean }> = await this.transactions
      .manager(manager)
      .query('SELECT weekly_digest FROM user_preferences WHERE user_id = $1', [userId]);
    return rows[0]?.weekly_digest ?? true;
  }

  /** Both choices; each on unless turned off. */
  async settings(userId: string): Promise<{ weeklyDigest: boolean; emailNotifications: boolean }> {
    const rows: Array<{ weeklyDigest: boolean; emailNotifications: boolean }> = await this.transactions.manager().query(
      `SELECT weekly_digest AS "weeklyDigest", email_notifications AS "emailNotifications"
           FROM user_preferences WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? { weeklyDigest: true, emailNotifications: true };
  }

  async setSettings(
    userId: string,
    value: { weeklyDigest: boolean; emailNotifications: boolean },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO user_preferences (user_id, weekly_digest, email_notifications) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET weekly_digest = EXCLUDED.weekly_digest,
         email_notifications = EXCLUDED.email_notifications, updated_at = now()`,
      [userId, value.weeklyDigest, value.emailNotifications],
    );
  }

  /**
   * Claims up to `limit` people for this week's digest: active accounts that did not turn it off and have
   * no delivery for the week yet, or whose earlier attempt failed (before this run started, fewer than
   * `maxAttempts` times), or whose claim went stale (an instance stopped while sending). Race-safe: the
   * conflict clause repeats the condition, so of two concurrent claims of one row only one returns it.
   */
  async claim(
    isoWeek: string,
    options: { runStartedAt: Date; staleAfterMs: number; maxAttempts: number; limit: number },
    manager: EntityManager,
  ): Promise<string[]> {
    const claimable = (d: string) =>
      `((${d}.status = 'failed' AND ${d}.attempts < $4 AND ${d}.claimed_at < $2) OR (${d}.status = 'sending' AND ${d}.claimed_at < now() - make_interval(secs => $3)))`;
    const rows: Array<{ user_id: string }> = await manager.query(
      `INSERT INTO digest_deliveries AS d (user_id, iso_week, status)
       SELECT u.id, $1, 'sending'
         FROM users u
         LEFT JOIN user_preferences p ON p.user_id = u.id
         LEFT JOIN digest_deliveries x ON x.user_id = u.id AND x.iso_week = $1
        WHERE u.active AND coalesce(p.weekly_digest, true) AND (x.user_id IS NULL OR ${claimable('x')})
        ORDER BY u.id
        LIMIT $5
       ON CONFLICT (user_id, iso_week) DO UPDATE
          SET status = 'sending', claimed_at = now(), attempts = d.attempts + 1
        WHERE ${claimable('d')}
       RETURNING d.user_id`,
      [isoWeek, options.runStartedAt.toISOString(), options.staleAfterMs / 1000, options.maxAttempts, options.limit],
    );
    return rows.map((r) => r.user_id);
  }

  recipients(userIds: string[]): Promise<DigestRecipient[]> {
    return this.transactions.manager().query(
      `SELECT id AS "userId", email, display_name AS "displayName", platform_role AS "platformRole"
         FROM users WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [userIds],
    );
  }

  /** The outcome of a claimed delivery: sent, nothing to send, or failed (a later run tries again). */
  async finish(
    userId: string,
    isoWeek: string,
    outcome: { status: 'sent' | 'empty' } | { status: 'failed'; error: string },
  ): Promise<void> {
    await this.transactions.manager().query(
      `UPDATE digest_deliveries
          SET status = $3, sent_at = CASE WHEN $3 = 'sent' THEN now() END, last_error = $4
        WHERE user_id = $1 AND iso_week = $2 AND status = 'sending'`,
      [userId, isoWeek, outcome.status, outcome.status === 'failed' ? outcome.error.slice(0, 1000) : null],
    );
  }
}
