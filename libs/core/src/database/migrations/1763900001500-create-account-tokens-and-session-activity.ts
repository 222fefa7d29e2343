import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account life cycle: an invited person has no password until they accept (password_hash NULL,
 * password_set_at NULL); one-time links (invitation, password reset) are stored only as a SHA-256 hash and
 * used once. Sessions remember when they were last used (idle timeout, "Mijn sessies") and from which browser;
 * every refresh token a session has spent is kept, so presenting one again (theft) ends the session.
 */
export class CreateAccountTokensAndSessionActivity1763900001500 implements MigrationInterface {
  name = 'CreateAccountTokensAndSessionActivity1763900001500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
      -- The default covers accounts created with a password (demo, first admin); an invitation inserts NULL.
      ALTER TABLE users ADD COLUMN password_set_at timestamptz DEFAULT now();
      UPDATE users SET password_set_at = created_at;

      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

      ALTER TABLE auth_sessions
        ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN user_agent text,
        ADD COLUMN ip text,
        ADD COLUMN end_reason text;
      CREATE TABLE spent_refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
        spent_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX spent_refresh_tokens_session_idx ON spent_refresh_tokens (session_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE spent_refresh_tokens;
      ALTER TABLE auth_sessions DROP COLUMN last_used_at, DROP COLUMN user_agent, DROP COLUMN ip, DROP COLUMN end_reason;
      DROP TABLE account_tokens;
      ALTER TABLE users DROP COLUMN password_set_at;
    `);
  }
}
