import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provider's ID token of a Koers session that began with single sign-on, so that logging out of Koers can
 * end the session at the provider too (RP-initiated logout with `id_token_hint`, docs/access.md). Sealed like
 * the other secrets. While Koers's own second factor is still asked, the row waits on the MFA challenge.
 */
export class CreateOidcSessions1765190000000 implements MigrationInterface {
  name = 'CreateOidcSessions1765190000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE oidc_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid UNIQUE REFERENCES auth_sessions(id) ON DELETE CASCADE,
        challenge_hash text UNIQUE REFERENCES mfa_challenges(token_hash) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id_token text NOT NULL CHECK (id_token LIKE 'koers-aes-gcm:v1:%'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (session_id IS NOT NULL OR challenge_hash IS NOT NULL)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE oidc_sessions');
  }
}
