import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on per organisation with OpenID Connect (docs/access.md): the provider of an organisation
 * (client secret sealed like the TOTP secrets), the provider's subject linked to a Koers account, and the
 * short-lived state of a login in progress (state, nonce and PKCE verifier, each login once).
 */
export class CreateOidcSso1765120000001 implements MigrationInterface {
  name = 'CreateOidcSso1765120000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE oidc_providers (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        display_name text NOT NULL,
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret text NOT NULL CHECK (client_secret LIKE 'koers-aes-gcm:v1:%'),
        email_domains text[] NOT NULL,
        allow_new_accounts boolean NOT NULL DEFAULT false,
        trust_provider_mfa boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE oidc_identities (
        issuer text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (issuer, subject)
      );
      CREATE INDEX oidc_identities_user_idx ON oidc_identities (user_id);
      CREATE TABLE oidc_logins (
        state_hash text PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE oidc_logins; DROP TABLE oidc_identities; DROP TABLE oidc_providers;');
  }
}
