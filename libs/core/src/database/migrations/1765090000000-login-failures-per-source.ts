import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins counted per typed e-mail address and client address, so a stranger guessing a mayor's
 * password locks out only the stranger's own address, never the mayor. The address is stored as a SHA-256
 * hash (also addresses of no account: nothing typed by a stranger is kept in clear). `users.locked_until`
 * stays as the latest lock of any source, for the secretariat's user list only. A one-time 'unlock' link
 * lets the owner lift every lock of their account.
 */
export class LoginFailuresPerSource1765090000000 implements MigrationInterface {
  name = 'LoginFailuresPerSource1765090000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE login_failures (
        email_hash text NOT NULL,
        source text NOT NULL,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        PRIMARY KEY (email_hash, source)
      );
      CREATE INDEX login_failures_last_failure_idx ON login_failures (last_failure_at);

      ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
      ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
        CHECK (purpose IN ('invitation', 'password_reset', 'unlock'));
      ALTER TABLE users DROP COLUMN failed_login_count;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ADD COLUMN failed_login_count integer NOT NULL DEFAULT 0;
      DELETE FROM account_tokens WHERE purpose = 'unlock';
      ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
      ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
        CHECK (purpose IN ('invitation', 'password_reset'));
      DROP TABLE login_failures;
    `);
  }
}
