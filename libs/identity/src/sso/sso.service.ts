import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { BaseClient, custom, errors, generators, Issuer } from 'openid-client';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import type { SsoErrorCode } from '@koers/contracts';
import { notFound, validationFailed } from '@koers/core';
import { AuthService, ClientInfo, IssuedTokens, MfaChallenge } from '../auth/auth.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { UserRepository } from '../users/user.repository';
import { OidcProviderConfig, SsoRepository } from './sso.repository';

/** A login at the provider must come back within this time. */
const LOGIN_TTL_MS = 10 * 60_000;
/** Authentication methods (RFC 8176 `amr`) that mean the provider did multi-factor authentication. */
const MFA_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'face', 'fpt', 'iris', 'retina', 'sc', 'pop']);
/** Authentication context classes (`acr`) that mean multi-factor: eIDAS substantial/high, the OpenID/SAML MFA classes. */
const MFA_ACR = new Set([
  'http://eidas.europa.eu/LoA/substantial',
  'http://eidas.europa.eu/LoA/high',
  'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
  'http://schemas.openid.net/pape/policies/2007/06/multi-factor-physical',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
  'phr',
  'phrh',
]);

export class SsoRefusal extends Error {
  constructor(readonly code: SsoErrorCode) {
    super(code);
  }
}

export type SsoResult =
  | { kind: 'session'; tokens: IssuedTokens; returnTo: string | null }
  | { kind: 'mfa'; challenge: MfaChallenge; returnTo: string | null };

/** Only a path of Koers itself (no scheme, no host, no `//`) is a place to return to after login. */
export function safeReturnTo(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : null;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * OpenID Connect single sign-on per organisation (docs/access.md): authorization code flow with PKCE, state
 * and nonce, through `openid-client` (which checks the ID token's signature, issuer, audience, expiry and
 * nonce). A returning person is found by the provider's subject; the first time by verified e-mail of an
 * existing account of that organisation; a new account only where the secretariat allowed it.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);
  /** Discovered issuers, per issuer URL (discovery is fetched once per process). */
  private readonly issuers = new Map<string, Promise<Issuer<BaseClient>>>();

  constructor(
    private readonly sso: SsoRepository,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly authorization: AuthorizationService,
  ) {}

  providers() {
    return this.sso.listPublic();
  }

  private async client(provider: OidcProviderConfig, redirectUri: string): Promise<BaseClient> {
    let issuer = this.issuers.get(provider.issuer);
    if (!issuer) {
      issuer = Issuer.discover(provider.issuer);
      this.issuers.set(provider.issuer, issuer);
      issuer.catch(() => this.issuers.delete(provider.issuer));
    }
    const client = new (await issuer).Client({
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
    });
    client[custom.http_options] = (_url, options) => ({ ...options, timeout: 5000 });
    return client;
  }

  /** The address of the provider's login page for this organisation; the login's state is kept once. */
  async start(organisationId: string, redirectUri: string, returnTo: string | null, ip: string | null) {
    const provider = await this.sso.find(organisationId);
    if (!provider?.enabled) throw notFound('Inloggen via deze organisatie');
    let client: BaseClient;
    try {
      client = await this.client(provider, redirectUri);
    } catch (err) {
      this.logger.warn(`OIDC discovery of ${provider.issuer} failed: ${(err as Error).message}`);
      await this.refusalAudit(null, ip, organisationId, 'unavailable');
      throw new SsoRefusal('unavailable');
    }
    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const codeVerifier = generators.codeVerifier();
    await this.sso.createLogin({
      stateHash: sha256(state),
      organisationId,
      nonce,
      codeVerifier,
      returnTo: safeReturnTo(returnTo),
      expiresAt: new Date(Date.now() + LOGIN_TTL_MS),
    });
    const url = client.authorizationUrl({
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      redirect_uri: redirectUri,
      // How the person authenticated (RFC 8176), to skip Koers's own factor when the provider did MFA.
      ...(provider.trustProviderMfa ? { claims: JSON.stringify({ id_token: { amr: null, acr: null } }) } : {}),
    });
    return { url, state };
  }

  /**
   * The provider sent the person back: the code is exchanged, the ID token checked, the person found or
   * refused. `browserState` is the state this browser started with (its cookie), so a callback address sent
   * to someone else does not log them in as another person.
   */
  async callback(
    params: Record<string, string>,
    browserState: string | undefined,
    redirectUri: string,
    client: ClientInfo,
  ): Promise<SsoResult> {
    const { ip } = client;
    if (!params.state || !browserState || params.state !== browserState) {
      await this.refusalAudit(null, ip, null, 'expired', { stateMismatch: Boolean(params.state && browserState) });
      throw new SsoRefusal('expired');
    }
    const login = await this.sso.useLogin(sha256(params.state));
    const provider = login ? await this.sso.find(login.organisationId) : null;
    if (!login || !provider?.enabled) {
      await this.refusalAudit(null, ip, login?.organisationId ?? null, 'expired');
      throw new SsoRefusal('expired');
    }
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const oidc = await this.client(provider, redirectUri);
      const tokens = await oidc.callback(redirectUri, oidc.callbackParams(`/?${new URLSearchParams(params)}`), {
        state: params.state,
        nonce: login.nonce,
        code_verifier: login.codeVerifier,
        response_type: 'code',
      });
      claims = { ...tokens.claims() };
      idToken = tokens.id_token;
      if (typeof claims.email !== 'string' && tokens.access_token)
        claims = { ...(await oidc.userinfo(tokens)), ...claims };
    } catch (err) {
      const reason =
        err instanceof errors.OPError ? `op:${err.error}` : err instanceof errors.RPError ? 'rp_check' : 'network';
      this.logger.warn(`OIDC callback for ${provider.issuer} refused: ${(err as Error).message}`);
      await this.refusalAudit(null, ip, provider.organisationId, 'provider_error', { detail: reason });
      throw new SsoRefusal('provider_error');
    }
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const who = { userId: null as string | null, email: email ?? '', ip };

    let userId = await this.sso.userBySubject(provider.issuer, subject);
    let linked: 'subject' | 'email' | 'created' = 'subject';
    if (!userId) {
      if (!email || claims.email_verified !== true) {
        await this.refusalAudit(who, ip, provider.organisationId, 'email_unverified');
        throw new SsoRefusal('email_unverified');
      }
      const domain = email.split('@')[1] ?? '';
      if (!provider.emailDomains.includes(domain)) {
        await this.refusalAudit(who, ip, provider.organisationId, 'wrong_domain');
        throw new SsoRefusal('wrong_domain');
      }
      const existing = await this.users.findByEmail(email);
      if (existing && existing.organisationId === provider.organisationId) {
        userId = existing.id;
        linked = 'email';
      } else if (!existing && provider.allowNewAccounts) {
        const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
        userId = await this.sso.createUser({ email, displayName: name, organisationId: provider.organisationId });
        linked = 'created';
      } else {
        await this.refusalAudit({ ...who, userId: existing?.id ?? null }, ip, provider.organisationId, 'not_invited', {
          otherOrganisation: Boolean(existing),
        });
        throw new SsoRefusal('not_invited');
      }
      await this.sso.link(provider.issuer, subject, userId);
    }
    const user = await this.users.findById(userId);
    if (!user?.active) {
      await this.refusalAudit({ ...who, userId }, ip, provider.organisationId, 'inactive');
      throw new SsoRefusal('inactive');
    }
    if (linked === 'subject') {
      // The link was made when the person belonged to the organisation; they must still, at every login: the
      // account's organisation, and its address (and the provider's, when it sends one) in the SSO domains.
      const domainOf = (address: string) => address.split('@')[1]?.toLowerCase() ?? '';
      const detail =
        user.organisationId !== provider.organisationId
          ? 'organisation'
          : [user.email, email].some((address) => address && !provider.emailDomains.includes(domainOf(address)))
            ? 'domain'
            : null;
      if (detail) {
        await this.refusalAudit({ ...who, userId }, ip, provider.organisationId, 'no_longer_linked', { detail });
        throw new SsoRefusal('no_longer_linked');
      }
    }
    const actorWho = { userId: user.id, email: user.email, ip };
    const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
    const acr = typeof claims.acr === 'string' ? claims.acr : null;
    const providerDidMfa = amr.some((method) => MFA_AMR.has(method)) || (acr !== null && MFA_ACR.has(acr));
    const summary = { sso: provider.organisationId, linked, providerMfa: providerDidMfa };
    if (linked === 'created')
      await this.audit.recordChange(actorWho, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        summary: { via: 'sso', organisationId: provider.organisationId },
      });
    // Koers's own second factor is skipped only when the organisation is trusted to say it did MFA, and did.
    // The ID token is kept for logging out at the provider too (endSessionUrl).
    const keepIdToken = async (target: { sessionId: string } | { challengeHash: string }) => {
      if (idToken) await this.sso.rememberIdToken({ organisationId: provider.organisationId, idToken, ...target });
    };
    if ((await this.auth.hasMfa(user.id)) && !(provider.trustProviderMfa && providerDidMfa)) {
      const challenge = await this.auth.mfaChallenge(user.id, actorWho, summary);
      await keepIdToken({ challengeHash: sha256(challenge.challenge) });
      return { kind: 'mfa', challenge, returnTo: login.returnTo };
    }
    const tokens = await this.auth.startSession(user.id, actorWho, client, {
      ...summary,
      ...(provider.trustProviderMfa && providerDidMfa ? { mfa: 'provider' } : {}),
    });
    await keepIdToken({ sessionId: tokens.sessionId });
    return { kind: 'session', tokens, returnTo: login.returnTo };
  }

  /**
   * At logout of a session that began with single sign-on: the address that ends the session at the provider
   * too (RP-initiated logout: `end_session_endpoint` with `id_token_hint`, and `post_logout_redirect_uri` back to
   * Koers's login page), or null when the session did not, or the provider offers no such endpoint. The ID
   * token is used once; a provider that cannot be reached only costs the logout at the provider, never Koers's.
   */
  async endSessionUrl(
    actor: Actor,
    postLogoutRedirectUri: string,
  ): Promise<{ url: string; organisationId: string } | null> {
    let kept: { organisationId: string; idToken: string } | null;
    try {
      kept = await this.sso.takeIdToken(actor.sessionId);
    } catch (err) {
      // A token sealed with a key that is no longer configured: nothing to end at the provider.
      this.logger.warn(`ID token of session ${actor.sessionId} could not be opened: ${(err as Error).message}`);
      return null;
    }
    if (!kept) return null;
    const provider = await this.sso.find(kept.organisationId);
    if (!provider?.enabled) return null;
    try {
      const client = await this.client(provider, postLogoutRedirectUri);
      if (!client.issuer.metadata.end_session_endpoint) return null;
      const url = client.endSessionUrl({
        id_token_hint: kept.idToken,
        post_logout_redirect_uri: postLogoutRedirectUri,
      });
      return { url, organisationId: provider.organisationId };
    } catch (err) {
      this.logger.warn(`OIDC logout at ${provider.issuer} not offered: ${(err as Error).message}`);
      return null;
    }
  }

  private async refusalAudit(
    who: { userId: string | null; email: string; ip: string | null } | null,
    ip: string | null,
    organisationId: string | null,
    reason: SsoErrorCode,
    extra: Record<string, unknown> = {},
  ) {
    await this.audit.recordFailed(who ?? { userId: null, email: null, ip }, {
      action: 'auth.sso',
      entityType: 'organisation',
      entityId: organisationId ?? undefined,
      summary: { reason, ...extra },
    });
  }

  // --- The secretariat's settings (Beheer > Organisaties) ---

  async read(actor: Actor, organisationId: string) {
    await this.authorization.assertInRegion(actor, 'users.manage', 'sso.read');
    if (!(await this.organisations.findById(organisationId))) throw notFound('De organisatie');
    const provider = await this.sso.find(organisationId);
    return provider ? shown(provider) : null;
  }

  async save(
    actor: Actor,
    organisationId: string,
    body: {
      displayName: string;
      issuer: string;
      clientId: string;
      clientSecret?: string;
      emailDomains: string[];
      allowNewAccounts: boolean;
      trustProviderMfa: boolean;
      enabled: boolean;
    },
  ) {
    await this.authorization.assertInRegion(actor, 'users.manage', 'sso.update');
    if (!(await this.organisations.findById(organisationId))) throw notFound('De organisatie');
    const emailDomains = [...new Set(body.emailDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')))];
    const saved = await this.sso.save({
      organisationId,
      displayName: body.displayName.trim(),
      issuer: body.issuer.trim().replace(/\/+$/, ''),
      clientId: body.clientId.trim(),
      clientSecret: body.clientSecret || null,
      emailDomains,
      allowNewAccounts: body.allowNewAccounts,
      trustProviderMfa: body.trustProviderMfa,
      enabled: body.enabled,
    });
    if (!saved) {
      throw validationFailed([{ field: 'clientSecret', messages: ['Vul het client secret van de provider in.'] }]);
    }
    this.issuers.clear();
    await this.audit.recordChange(actor, {
      action: 'sso.update',
      entityType: 'organisation',
      entityId: organisationId,
      summary: {
        issuer: body.issuer,
        clientId: body.clientId,
        emailDomains,
        allowNewAccounts: body.allowNewAccounts,
        trustProviderMfa: body.trustProviderMfa,
        enabled: body.enabled,
        clientSecretChanged: Boolean(body.clientSecret),
      },
    });
    const provider = await this.sso.find(organisationId);
    // Saved just now: only an organisation deleted in between takes it away.
    if (!provider) throw notFound('De organisatie');
    return shown(provider);
  }

  async remove(actor: Actor, organisationId: string) {
    await this.authorization.assertInRegion(actor, 'users.manage', 'sso.delete');
    if (!(await this.organisations.findById(organisationId))) throw notFound('De organisatie');
    await this.sso.remove(organisationId);
    await this.audit.recordChange(actor, {
      action: 'sso.delete',
      entityType: 'organisation',
      entityId: organisationId,
    });
  }
}

/** The provider as the secretariat sees it: never the client secret, only that one is set. */
function shown<P extends { clientSecret: unknown }>(provider: P): Omit<P, 'clientSecret'> & { clientSecretSet: true } {
  const { clientSecret: _secret, ...rest } = provider;
  return { ...rest, clientSecretSet: true };
}
