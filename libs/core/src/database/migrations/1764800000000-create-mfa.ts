import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP as a second factor (RFC 6238): the confirmed secret, the secret offered during enrolment, and the
 * last time step used (a code is accepted once). Ten recovery codes per person, stored hashed, each used
 * once. A login challenge between the password and the code (stored hashed, five minutes). The region's MFA
 * policy: everyone, or per role (secretariat, RVC members); no row means the installation's default.
 */
export class CreateMfa1764800000000 implements MigrationInterface {
  name = 'CreateMfa1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN mfa_secret text,
        ADD COLUMN mfa_pending_secret text,
        ADD COLUMN mfa_enabled_at timestamptz,
        ADD COLUMN mfa_last_step bigint NOT NULL DEFAULT 0;

      CREATE TABLE mfa_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX mfa_recovery_codes_user_idx ON mfa_recovery_codes (user_id);

      CREATE TABLE mfa_challenges (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        used_at timestamptz
      );

      CREATE TABLE mfa_policy (
        -- One row for the installation.
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        require_all boolean NOT NULL,
        require_secretariat boolean NOT NULL,
        require_rvc boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE mfa_policy; DROP TABLE mfa_challenges; DROP TABLE mfa_recovery_codes;
      ALTER TABLE users DROP COLUMN mfa_secret, DROP COLUMN mfa_pending_secret, DROP COLUMN mfa_enabled_at,
        DROP COLUMN mfa_last_step;
    `);
  }
}
