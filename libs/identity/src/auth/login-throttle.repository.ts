import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The key of an e-mail address as typed (SHA-256 of its lower case), the same in SQL: see `setPassword`. */
export const EMAIL_KEY_SQL = (column: string) => `encode(sha256(convert_to(lower(${column}), 'UTF8')), 'hex')`;

/** Failed logins per (typed e-mail address, client address): see the login-failures migration. */
@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The lock in force on this address from this source, or null. */
  async lockOf(emailKey: string, source: string): Promise<Date | null> {
    const rows: Array<{ locked_until: Date }> = await this.dataSource.query(
      `SELECT locked_until FROM login_failures
        WHERE email_hash = $1 AND source = $2 AND locked_until > now()`,
      [emailKey, source],
    );
    return rows[0]?.locked_until ?? null;
  }

  /**
   * Counts one failure; failures further apart than the lock period start counting again. The failure that
   * reaches the limit locks this source for the lock period and answers that lock.
   */
  async registerFailure(emailKey: string, source: string, maxFailures: number, lockMinutes: number) {
    // The failure count after this one: 1 again when the previous failure is older than the lock period.
    const next = `CASE WHEN f.last_failure_at < now() - make_interval(mins => $4) THEN 1 ELSE f.failures + 1 END`;
    const rows: Array<{ locked_until: Date | null }> = await this.dataSource.query(
      `WITH counted AS (
         INSERT INTO login_failures AS f (email_hash, source, failures, locked_until)
         VALUES ($1, $2, CASE WHEN 1 >= $3 THEN 0 ELSE 1 END,
                 CASE WHEN 1 >= $3 THEN now() + make_interval(mins => $4) END)
         ON CONFLICT (email_hash, source) DO UPDATE SET
           failures = CASE WHEN ${next} >= $3 THEN 0 ELSE ${next} END,
           locked_until = CASE WHEN ${next} >= $3 THEN now() + make_interval(mins => $4) ELSE f.locked_until END,
           last_failure_at = now()
         RETURNING locked_until)
       SELECT locked_until FROM counted`,
      [emailKey, source, maxFailures, lockMinutes],
    );
    const lockedUntil = rows[0]?.locked_until ?? null;
    return lockedUntil && lockedUntil > new Date() ? lockedUntil : null;
  }

  /** A right password and code from this source: its count starts again (other sources keep theirs). */
  async clear(emailKey: string, source: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE email_hash = $1 AND source = $2', [emailKey, source]);
  }

  /** The owner proved who they are (unlock link, new password): every source's lock on the address goes. */
  async clearAll(emailKey: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('DELETE FROM login_failures WHERE email_hash = $1', [emailKey]);
  }

  /** Forgets counts nobody has added to for a day (locks last minutes, not days). */
  async prune(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_failures
        WHERE last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`,
    );
  }
}
