import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passkeys (WebAuthn) as a second factor beside the authenticator app (docs/access.md): the credential's id,
 * public key (COSE), signature counter and transports per person; the challenge of a registration in
 * progress (one per person, five minutes); and at login the WebAuthn challenge on the MFA challenge it answers.
 */
export class CreatePasskeys1765190000001 implements MigrationInterface {
  name = 'CreatePasskeys1765190000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE passkeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0,
        transports text[] NOT NULL DEFAULT '{}',
        device_type text NOT NULL,
        backed_up boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      );
      CREATE INDEX passkeys_user_idx ON passkeys (user_id);
      CREATE TABLE passkey_registrations (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        challenge text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      ALTER TABLE mfa_challenges ADD COLUMN webauthn_challenge text;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE mfa_challenges DROP COLUMN webauthn_challenge;
      DROP TABLE passkey_registrations;
      DROP TABLE passkeys;
    `);
  }
}
