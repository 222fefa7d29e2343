import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type AccountTokenPurpose = 'invitation' | 'password_reset' | 'unlock';

/** One-time links (invitation, password reset). Only the SHA-256 of a token is stored. */
@Injectable()
export class AccountTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a new token and retires the person's earlier unused tokens of the same purpose. */
  async issue(
    userId: string,
    purpose: AccountTokenPurpose,
    tokenHash: string,
    expiresAt: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      'UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL',
      [userId, purpose],
    );
    await manager.query(
      'INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4)',
      [userId, purpose, tokenHash, expiresAt],
    );
  }

  /** The person a live (unused, unexpired) token belongs to, without using it. */
  async peek(tokenHash: string, purpose: AccountTokenPurpose): Promise<string | null> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT user_id FROM account_tokens
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [tokenHash, purpose],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Uses a live token once; null when it is unknown, used or expired (also for a concurrent second use). */
  async consume(tokenHash: string, purpose: AccountTokenPurpose, manager: EntityManager): Promise<string | null> {
    // A CTE, because TypeORM shapes the result of a bare UPDATE ... RETURNING as [rows, count].
    const rows: Array<{ user_id: string }> = await manager.query(
      `WITH used AS (
         UPDATE account_tokens SET used_at = now()
          WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id)
       SELECT user_id FROM used`,
      [tokenHash, purpose],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Retires every unused token of a person (after a password was set another way). */
  async retireAllOf(userId: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
  }
}
