import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, SecretBox, secretBoxOf } from '@koers/core';

/** An organisation's OpenID provider as the server uses it (client secret opened). */
export interface OidcProviderConfig {
  organisationId: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomains: string[];
  allowNewAccounts: boolean;
  trustProviderMfa: boolean;
  enabled: boolean;
}

interface ProviderRow {
  organisation_id: string;
  display_name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  email_domains: string[];
  allow_new_accounts: boolean;
  trust_provider_mfa: boolean;
  enabled: boolean;
}

/**
 * oidc_providers, oidc_identities, oidc_logins and oidc_sessions; the client secret and the ID tokens kept for
 * logout are stored sealed (AES-256-GCM).
 */
@Injectable()
export class SsoRepository {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = secretBoxOf(config.auth);
  }

  private toConfig(row: ProviderRow): OidcProviderConfig {
    return {
      organisationId: row.organisation_id,
      displayName: row.display_name,
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecret: this.box.open(row.client_secret, `oidc:${row.organisation_id}`),
      emailDomains: row.email_domains,
      allowNewAccounts: row.allow_new_accounts,
      trustProviderMfa: row.trust_provider_mfa,
      enabled: row.enabled,
    };
  }

  async find(organisationId: string): Promise<OidcProviderConfig | null> {
    const rows: ProviderRow[] = await this.dataSource.query('SELECT * FROM oidc_providers WHERE organisation_id = $1', [
      organisationId,
    ]);
    return rows[0] ? this.toConfig(rows[0]) : null;
  }

  /** The enabled providers for the login page: name and e-mail domains only. */
  async listPublic(): Promise<Array<{ organisationId: string; displayName: string; emailDomains: string[] }>> {
    const rows: ProviderRow[] = await this.dataSource.query(
      'SELECT organisation_id, display_name, email_domains FROM oidc_providers WHERE enabled ORDER BY display_name',
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      displayName: r.display_name,
      emailDomains: r.email_domains,
    }));
  }

  /** Saves the provider; a secret left out keeps the stored one. */
  async save(config: Omit<OidcProviderConfig, 'clientSecret'> & { clientSecret: string | null }): Promise<boolean> {
    const sealed = config.clientSecret ? this.box.seal(config.clientSecret, `oidc:${config.organisationId}`) : null;
    const rows: Array<{ organisation_id: string }> = await this.dataSource.query(
      `INSERT INTO oidc_providers (organisation_id, display_name, issuer, client_id, client_secret, email_domains,
              allow_new_accounts, trust_provider_mfa, enabled)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE $5::text IS NOT NULL
           OR EXISTS (SELECT 1 FROM oidc_providers WHERE organisation_id = $1)
       ON CONFLICT (organisation_id) DO UPDATE SET display_name = $2, issuer = $3, client_id = $4,
              client_secret = COALESCE($5, oidc_providers.client_secret), email_domains = $6,
              allow_new_accounts = $7, trust_provider_mfa = $8, enabled = $9, updated_at = now()
       RETURNING organisation_id`,
      [
        config.organisationId,
        config.displayName,
        config.issuer,
        config.clientId,
        sealed,
        config.emailDomains,
        config.allowNewAccounts,
        config.trustProviderMfa,
        config.enabled,
      ],
    );
    return rows.length === 1;
  }

  async remove(organisationId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM oidc_providers WHERE organisation_id = $1', [organisationId]);
  }

  async createLogin(login: {
    stateHash: string;
    organisationId: string;
    nonce: string;
    codeVerifier: string;
    returnTo: string | null;
    expiresAt: Date;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO oidc_logins (state_hash, organisation_id, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [login.stateHash, login.organisationId, login.nonce, login.codeVerifier, login.returnTo, login.expiresAt],
    );
    await this.dataSource.query(`DELETE FROM oidc_logins WHERE expires_at < now() - interval '1 day'`);
  }

  /** Uses a login in progress once; null when unknown, used or expired. */
  async useLogin(
    stateHash: string,
  ): Promise<{ organisationId: string; nonce: string; codeVerifier: string; returnTo: string | null } | null> {
    const rows: Array<{ organisation_id: string; nonce: string; code_verifier: string; return_to: string | null }> =
      await this.dataSource.query(
        `WITH used AS (
           UPDATE oidc_logins SET used_at = now()
            WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now()
            RETURNING organisation_id, nonce, code_verifier, return_to)
         SELECT * FROM used`,
        [stateHash],
      );
    const row = rows[0];
    return row
      ? {
          organisationId: row.organisation_id,
          nonce: row.nonce,
          codeVerifier: row.code_verifier,
          returnTo: row.return_to,
        }
      : null;
  }

  /**
   * Keeps the provider's ID token of a login for RP-initiated logout: on the Koers session, or (while Koers's
   * own second factor is asked) on the MFA challenge until it becomes a session (adoptChallenge).
   */
  async rememberIdToken(entry: {
    organisationId: string;
    idToken: string;
    sessionId?: string;
    challengeHash?: string;
  }): Promise<void> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO oidc_sessions (id, session_id, challenge_hash, organisation_id, id_token) VALUES ($1, $2, $3, $4, $5)`,
      [
        id,
        entry.sessionId ?? null,
        entry.challengeHash ?? null,
        entry.organisationId,
        this.box.seal(entry.idToken, `oidc-session:${id}`),
      ],
    );
    // Tokens of sessions that ended without a logout (expired, ended elsewhere) are of no use any more.
    await this.dataSource.query(
      `DELETE FROM oidc_sessions o
        WHERE (o.session_id IS NULL AND o.created_at < now() - interval '1 day')
           OR EXISTS (SELECT 1 FROM auth_sessions s
                       WHERE s.id = o.session_id AND (s.revoked_at IS NOT NULL OR s.expires_at < now()))`,
    );
  }

  /** The MFA challenge of a single sign-on was answered: its ID token now belongs to the new session. */
  async adoptChallenge(challengeHash: string, sessionId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE oidc_sessions SET session_id = $2, challenge_hash = NULL WHERE challenge_hash = $1',
      [challengeHash, sessionId],
    );
  }

  /** The ID token of a session that began with single sign-on, taken once (at logout); null for any other. */
  async takeIdToken(sessionId: string): Promise<{ organisationId: string; idToken: string } | null> {
    const rows: Array<{ id: string; organisation_id: string; id_token: string }> = await this.dataSource.query(
      `WITH taken AS (DELETE FROM oidc_sessions WHERE session_id = $1 RETURNING id, organisation_id, id_token)
       SELECT * FROM taken`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    return { organisationId: row.organisation_id, idToken: this.box.open(row.id_token, `oidc-session:${row.id}`) };
  }

  async userBySubject(issuer: string, subject: string): Promise<string | null> {
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `WITH seen AS (
         UPDATE oidc_identities SET last_login_at = now() WHERE issuer = $1 AND subject = $2 RETURNING user_id)
       SELECT user_id FROM seen`,
      [issuer, subject],
    );
    return rows[0]?.user_id ?? null;
  }

  async link(issuer: string, subject: string, userId: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO oidc_identities (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [issuer, subject, userId],
    );
  }

  /** A new account from the provider (only where the secretariat allowed it): no password, no memberships. */
  async createUser(user: { email: string; displayName: string; organisationId: string }): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO users (email, display_name, job_title, function, organisation_id, platform_role)
       VALUES ($1, $2, '', 'overig', $3, 'gebruiker') RETURNING id`,
      [user.email, user.displayName, user.organisationId],
    );
    return rows[0].id;
  }
}
