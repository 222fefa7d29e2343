import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MfaPolicy } from '@koers/contracts';
import { APP_CONFIG, AppConfig, SecretBox, secretBoxOf } from '@koers/core';

export interface MfaState {
  secret: string | null;
  pendingSecret: string | null;
  enabledAt: Date | null;
  lastStep: number;
}

export type { MfaPolicy };

/** The policy until the secretariat saves one: on for the secretariat and RVC members outside the demo. */
export function defaultMfaPolicy(config: { demo: boolean }): MfaPolicy {
  return { requireAll: false, requireSecretariat: !config.demo, requireRvc: !config.demo };
}

/**
 * The second factor's rows: secrets and last step on users, recovery codes, login challenges, the policy.
 * TOTP secrets are stored only sealed (AES-256-GCM with the installation's key, bound to the user id);
 * this class is the one place that seals and opens them.
 */
@Injectable()
export class MfaRepository implements OnApplicationBootstrap {
  private readonly box: SecretBox;
  private readonly logger = new Logger(MfaRepository.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = secretBoxOf(config.auth);
  }

  /**
   * Key rotation: secrets sealed with a previous key (KOERS_SECRET_KEY_PREVIOUS) are sealed again with the
   * current one at start-up, so the previous key can be dropped from the configuration afterwards.
   */
  async onApplicationBootstrap(): Promise<void> {
    const prefix = this.box.currentPrefix();
    const rows: Array<{ id: string; secret: string | null; pending: string | null }> = await this.dataSource.query(
      `SELECT id, mfa_secret AS secret, mfa_pending_secret AS pending FROM users
        WHERE NOT starts_with(mfa_secret, $1) OR NOT starts_with(mfa_pending_secret, $1)`,
      [prefix],
    );
    let resealed = 0;
    for (const row of rows) {
      const reseal = (sealed: string | null) => {
        if (sealed === null || sealed.startsWith(prefix)) return sealed;
        const plain = this.open(row.id, sealed);
        return plain === null ? sealed : this.seal(row.id, plain);
      };
      // Only if unchanged meanwhile (another instance, or the person enrolling right now).
      const updated: unknown[] = await this.dataSource.query(
        `WITH changed AS (
           UPDATE users SET mfa_secret = $4, mfa_pending_secret = $5
            WHERE id = $1 AND mfa_secret IS NOT DISTINCT FROM $2 AND mfa_pending_secret IS NOT DISTINCT FROM $3
            RETURNING id)
         SELECT id FROM changed`,
        [row.id, row.secret, row.pending, reseal(row.secret), reseal(row.pending)],
      );
      resealed += updated.length;
    }
    if (resealed) this.logger.log(`Sealed ${resealed} TOTP secret(s) again with the current key`);
  }

  private seal(userId: string, secret: string): string {
    return this.box.seal(secret, `totp:${userId}`);
  }

  /**
   * The plain secret, or null when it does not open (altered, copied from another row, or sealed with a key
   * this installation no longer has): then no code matches, and the operator reads why in the log.
   */
  private open(userId: string, sealed: string | null): string | null {
    if (sealed === null) return null;
    try {
      return this.box.open(sealed, `totp:${userId}`);
    } catch (err) {
      this.logger.error(`The TOTP secret of user ${userId} cannot be decrypted: ${(err as Error).message}`);
      return null;
    }
  }

  async state(userId: string, manager: EntityManager = this.dataSource.manager): Promise<MfaState | null> {
    const rows: Array<{ secret: string | null; pending: string | null; enabled_at: Date | null; last_step: string }> =
      await manager.query(
        'SELECT mfa_secret AS secret, mfa_pending_secret AS pending, mfa_enabled_at AS enabled_at, mfa_last_step AS last_step FROM users WHERE id = $1',
        [userId],
      );
    const row = rows[0];
    return row
      ? {
          secret: this.open(userId, row.secret),
          pendingSecret: this.open(userId, row.pending),
          enabledAt: row.enabled_at,
          lastStep: Number(row.last_step),
        }
      : null;
  }

  /** Whether the person has a second factor: the authenticator app turned on, or a passkey. */
  async hasSecondFactor(userId: string): Promise<boolean> {
    const rows: Array<{ has: boolean }> = await this.dataSource.query(
      `SELECT (u.mfa_enabled_at IS NOT NULL OR EXISTS (SELECT 1 FROM passkeys k WHERE k.user_id = u.id)) AS has
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    return rows[0]?.has ?? false;
  }

  /** Which second factors the person has, for the login's second step. */
  async secondFactors(userId: string): Promise<Array<'totp' | 'passkey'>> {
    const rows: Array<{ totp: boolean; passkey: boolean }> = await this.dataSource.query(
      `SELECT u.mfa_enabled_at IS NOT NULL AS totp, EXISTS (SELECT 1 FROM passkeys k WHERE k.user_id = u.id) AS passkey
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    const row = rows[0];
    return [...(row?.totp ? (['totp'] as const) : []), ...(row?.passkey ? (['passkey'] as const) : [])];
  }

  async setPending(userId: string, secret: string): Promise<void> {
    await this.dataSource.query('UPDATE users SET mfa_pending_secret = $2 WHERE id = $1', [
      userId,
      this.seal(userId, secret),
    ]);
  }

  /** Turns the pending secret on, with the step of the confirming code as the last one used. */
  async enable(userId: string, secret: string, step: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE users SET mfa_secret = $2, mfa_pending_secret = NULL, mfa_enabled_at = now(), mfa_last_step = $3
        WHERE id = $1`,
      [userId, this.seal(userId, secret), step],
    );
  }

  async disable(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE users SET mfa_secret = NULL, mfa_pending_secret = NULL, mfa_enabled_at = NULL, mfa_last_step = 0
        WHERE id = $1`,
      [userId],
    );
    await manager.query('DELETE FROM mfa_recovery_codes WHERE user_id = $1', [userId]);
    await manager.query('DELETE FROM passkeys WHERE user_id = $1', [userId]);
  }

  /** Records a used time step; false when it is not newer than the last one (a replayed or older code). */
  async useStep(userId: string, step: number): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH used AS (UPDATE users SET mfa_last_step = $2 WHERE id = $1 AND mfa_last_step < $2 RETURNING id)
       SELECT id FROM used`,
      [userId, step],
    );
    return rows.length === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: string[], manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM mfa_recovery_codes WHERE user_id = $1', [userId]);
    for (const hash of hashes)
      await manager.query('INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, hash]);
  }

  /** Uses a recovery code once; false when it is unknown or used. */
  async useRecoveryCode(userId: string, hash: string): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH used AS (
         UPDATE mfa_recovery_codes SET used_at = now()
          WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id)
       SELECT id FROM used`,
      [userId, hash],
    );
    return rows.length === 1;
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      'SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return rows[0].n;
  }

  async createChallenge(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query('INSERT INTO mfa_challenges (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      tokenHash,
      userId,
      expiresAt,
    ]);
  }

  /** The person a live challenge belongs to (unused, unexpired, fewer than `maxFailures` wrong codes). */
  async challengeUser(tokenHash: string, maxFailures: number): Promise<string | null> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT user_id FROM mfa_challenges
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND failed_attempts < $2`,
      [tokenHash, maxFailures],
    );
    return rows[0]?.user_id ?? null;
  }

  async challengeFailed(tokenHash: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1 WHERE token_hash = $1',
      [tokenHash],
    );
  }

  /** Keeps the WebAuthn challenge a passkey must sign to answer this MFA challenge (the latest options asked). */
  async setWebauthnChallenge(tokenHash: string, webauthnChallenge: string): Promise<void> {
    await this.dataSource.query('UPDATE mfa_challenges SET webauthn_challenge = $2 WHERE token_hash = $1', [
      tokenHash,
      webauthnChallenge,
    ]);
  }

  async webauthnChallenge(tokenHash: string): Promise<string | null> {
    const rows: Array<{ webauthn_challenge: string | null }> = await this.dataSource.query(
      'SELECT webauthn_challenge FROM mfa_challenges WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0]?.webauthn_challenge ?? null;
  }

  /** Uses the challenge once; false when a concurrent request already did. */
  async useChallenge(tokenHash: string): Promise<boolean> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `WITH used AS (UPDATE mfa_challenges SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING user_id)
       SELECT user_id FROM used`,
      [tokenHash],
    );
    return rows.length === 1;
  }

  async policy(): Promise<MfaPolicy | null> {
    const rows: Array<{ require_all: boolean; require_secretariat: boolean; require_rvc: boolean }> =
      await this.dataSource.query('SELECT require_all, require_secretariat, require_rvc FROM mfa_policy');
    const row = rows[0];
    return row
      ? { requireAll: row.require_all, requireSecretariat: row.require_secretariat, requireRvc: row.require_rvc }
      : null;
  }

  async savePolicy(policy: MfaPolicy, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO mfa_policy (id, require_all, require_secretariat, require_rvc) VALUES (true, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET require_all = $1, require_secretariat = $2, require_rvc = $3, updated_at = now()`,
      [policy.requireAll, policy.requireSecretariat, policy.requireRvc],
    );
  }
}
