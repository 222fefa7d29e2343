import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Actor } from '@koers/access';
import type { SecondFactorMethod } from '@koers/contracts';
import { AuditService } from '@koers/audit';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, isUuid } from '@koers/core';
import { defaultMfaPolicy, MfaPolicy, MfaRepository } from '../mfa/mfa.repository';
import { normaliseRecoveryCode } from '../mfa/recovery-codes';
import { matchingStep } from '../mfa/totp';
import { SsoRepository } from '../sso/sso.repository';
import { UserRepository } from '../users/user.repository';
import { AuthSessionRepository, SessionPrincipal } from './auth-session.repository';
import { lockedError, LoginThrottleService } from './login-throttle.service';
import { SocketSessions } from './socket-sessions';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  userId: string;
  sessionId: string;
}

/** The answer of a right password when the account has a second factor: no tokens yet. */
export interface MfaChallenge {
  mfaRequired: true;
  challenge: string;
  methods: SecondFactorMethod[];
}

const MFA_CHALLENGE_TTL_MS = 5 * 60_000;
const MFA_CHALLENGE_MAX_FAILURES = 5;

/** Where a login comes from: kept on the session for "Mijn sessies" and in the audit log. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

interface AccessTokenClaims {
  sub: string;
  sid: string;
  exp?: number;
}

/** A verified caller and the moment its proof runs out (the token's expiry, or the session's if sooner). */
export interface AuthenticatedSession {
  actor: Actor;
  expiresAt: number;
  /**
   * The MFA policy requires a second factor of this person and they have none: only enrolment, logout and
   * their own basics are open to them (AuthGuard, socket handshake).
   */
  mustEnrol: boolean;
}

/** Hash used when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password. */
const TIMING_DUMMY_HASH = argon2.hash('koers-timing-dummy');

const challengeExpired = () =>
  new DomainError(ErrorCode.Unauthenticated, 'Deze inlogpoging is verlopen. Log opnieuw in.');
const invalidCredentials = () => new DomainError(ErrorCode.InvalidCredentials, 'E-mailadres of wachtwoord is onjuist.');
export const unauthenticated = () => new DomainError(ErrorCode.Unauthenticated, 'U bent niet (meer) ingelogd.');

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UserRepository,
    private readonly sessions: AuthSessionRepository,
    private readonly audit: AuditService,
    private readonly socketSessions: SocketSessions,
    private readonly mfa: MfaRepository,
    private readonly throttle: LoginThrottleService,
    private readonly sso: SsoRepository,
  ) {
    this.verifyKey = createSecretKey(Buffer.from(config.auth.jwtSecret));
  }

  /**
   * The signing secret as a KeyObject: given the string, jsonwebtoken first tries to parse it as a public key
   * on every verify and catches the failure, which was 14 % of the server's CPU in a list route under load.
   */
  private readonly verifyKey: KeyObject;

  /** The password step: tokens, or (with a second factor) a challenge for POST /api/auth/mfa. */
  async login(email: string, password: string, client: ClientInfo): Promise<IssuedTokens | MfaChallenge> {
    const { ip } = client;
    const attempt = { email, ip };
    const user = await this.users.findForLogin(email);
    const who = { userId: user?.id ?? null, email, ip };
    // Before the password is even checked, and the same for addresses of no account.
    await this.throttle.assertNotLocked(attempt, 'auth.login', user?.id ?? null);
    if (!user || !user.active || !user.passwordHash) {
      await argon2.verify(await TIMING_DUMMY_HASH, password);
      const lockedUntil = await this.throttle.registerFailure(attempt);
      await this.audit.recordFailed(who, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user?.id,
        summary: {
          reason: !user ? 'unknown_email' : !user.active ? 'inactive' : 'invitation_pending',
          locked: Boolean(lockedUntil),
        },
      });
      throw lockedUntil ? lockedError(lockedUntil) : invalidCredentials();
    }
    if (!(await argon2.verify(user.passwordHash, password))) {
      const lockedUntil = await this.throttle.registerFailure(attempt);
      await this.audit.recordFailed(who, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        summary: { reason: 'wrong_password', locked: Boolean(lockedUntil) },
      });
      throw lockedUntil ? lockedError(lockedUntil) : invalidCredentials();
    }
    if (await this.hasMfa(user.id)) {
      // Failures are cleared only once the second factor is right too: wrong codes keep counting.
      // The password was right; the session waits for the second factor (POST /api/auth/mfa).
      return this.mfaChallenge(user.id, who);
    }
    await this.throttle.succeeded(attempt);
    return this.startSession(user.id, who, client, {});
  }

  /**
   * The second step of a login with MFA: a code from the authenticator app (each time step once) or an
   * unused recovery code. A wrong or replayed code counts toward the lock of this source like a wrong password;
   * a challenge dies after five minutes or five wrong codes.
   */
  completeMfa(challenge: string, code: string, client: ClientInfo): Promise<IssuedTokens> {
    return this.completeSecondFactor(challenge, client, async (userId) => {
      const state = await this.mfa.state(userId);
      const step = state?.secret ? matchingStep(state.secret, code) : null;
      if (step !== null)
        return (await this.mfa.useStep(userId, step)) ? { method: 'totp' } : { reason: 'replayed_code' };
      if (await this.mfa.useRecoveryCode(userId, sha256(normaliseRecoveryCode(code)))) return { method: 'recovery' };
      return { reason: 'wrong_code' };
    });
  }

  /**
   * The person a live MFA challenge belongs to (another second factor, a passkey, asks for its options with
   * it), or UNAUTHENTICATED when it is unknown, used, expired or failed too often.
   */
  async challengedUser(challenge: string, ip: string | null): Promise<string> {
    const userId = await this.mfa.challengeUser(sha256(challenge), MFA_CHALLENGE_MAX_FAILURES);
    if (!userId) {
      await this.audit.recordFailed(
        { userId: null, email: null, ip },
        { action: 'auth.mfa', entityType: 'user', summary: { reason: 'invalid_challenge' } },
      );
      throw challengeExpired();
    }
    return userId;
  }

  /**
   * Completes a login's second step with `check` (TOTP or recovery code, a passkey): on success a session;
   * a failed check counts toward the challenge's and this source's limits, audited with its reason.
   */
  async completeSecondFactor(
    challenge: string,
    client: ClientInfo,
    check: (userId: string) => Promise<{ method: string } | { reason: string }>,
    refusal = 'Deze code klopt niet of is al gebruikt.',
  ): Promise<IssuedTokens> {
    const challengeHash = sha256(challenge);
    const userId = await this.mfa.challengeUser(challengeHash, MFA_CHALLENGE_MAX_FAILURES);
    const user = userId ? await this.users.findById(userId) : null;
    if (!user || !user.active) {
      await this.audit.recordFailed(
        { userId: null, email: null, ip: client.ip },
        { action: 'auth.mfa', entityType: 'user', summary: { reason: 'invalid_challenge' } },
      );
      throw challengeExpired();
    }
    const who = { userId: user.id, email: user.email, ip: client.ip };
    const attempt = { email: user.email, ip: client.ip };
    await this.throttle.assertNotLocked(attempt, 'auth.mfa', user.id);
    const outcome = await check(user.id);
    if (!('method' in outcome)) {
      await this.mfa.challengeFailed(challengeHash);
      const lockedUntil = await this.throttle.registerFailure(attempt);
      await this.audit.recordFailed(who, {
        action: 'auth.mfa',
        entityType: 'user',
        entityId: user.id,
        summary: { reason: outcome.reason, locked: Boolean(lockedUntil) },
      });
      if (lockedUntil) throw lockedError(lockedUntil);
      throw new DomainError(ErrorCode.InvalidCredentials, refusal);
    }
    if (!(await this.mfa.useChallenge(challengeHash))) throw challengeExpired();
    await this.throttle.succeeded(attempt);
    const tokens = await this.startSession(user.id, who, client, { mfa: outcome.method });
    // After single sign-on: the provider's ID token (for logging out there too) goes with the new session.
    await this.sso.adoptChallenge(challengeHash, tokens.sessionId);
    return tokens;
  }

  /** The second step of a login whose first proof (password, or the organisation's provider) was right. */
  async mfaChallenge(
    userId: string,
    who: { userId: string | null; email: string; ip: string | null },
    summary?: Record<string, unknown>,
  ): Promise<MfaChallenge> {
    const challenge = randomBytes(32).toString('base64url');
    await this.mfa.createChallenge(userId, sha256(challenge), new Date(Date.now() + MFA_CHALLENGE_TTL_MS));
    await this.audit.recordChange(who, { action: 'auth.mfa_challenge', entityType: 'user', entityId: userId, summary });
    return { mfaRequired: true, challenge, methods: await this.mfa.secondFactors(userId) };
  }

  /** Whether the account has a second factor: the authenticator app, or a passkey. */
  hasMfa(userId: string): Promise<boolean> {
    return this.mfa.hasSecondFactor(userId);
  }

  /** Starts a session after a complete login (also single sign-on); audited as `auth.login` with `summary`. */
  async startSession(
    userId: string,
    who: { userId: string | null; email: string; ip: string | null },
    client: ClientInfo,
    summary: Record<string, unknown>,
  ): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlSeconds * 1000);
    const sessionId = await this.sessions.create(userId, sha256(refreshToken), expiresAt, client);
    await this.audit.recordChange(who, { action: 'auth.login', entityType: 'session', entityId: sessionId, summary });
    return { ...(await this.signAccessToken(userId, sessionId)), refreshToken, userId, sessionId };
  }

  /** A fresh access token for a live session; the refresh token is rotated each time. */
  async refresh(refreshToken: string | undefined, ip: string | null): Promise<IssuedTokens> {
    if (!refreshToken) throw unauthenticated();
    const next = randomBytes(32).toString('base64url');
    const session = await this.sessions.rotate(
      sha256(refreshToken),
      sha256(next),
      this.config.auth.sessionIdleTimeoutSeconds,
    );
    if (session.kind === 'reused') {
      // A spent refresh token came back: someone holds a copy. The session it belonged to has ended.
      await this.audit.recordDenied(
        { userId: session.userId, email: null, ip },
        {
          action: 'auth.refresh_reuse',
          entityType: 'session',
          entityId: session.sessionId,
          summary: { sessionEnded: session.ended },
        },
      );
      if (session.ended) this.socketSessions.endFor({ sessionId: session.sessionId }, 'session-ended');
    }
    if (session.kind !== 'rotated') throw unauthenticated();
    return {
      ...(await this.signAccessToken(session.userId, session.sessionId)),
      refreshToken: next,
      userId: session.userId,
      sessionId: session.sessionId,
    };
  }

  /** Ends the caller's session; `summary` says where else it ended (the organisation's provider). */
  async logout(actor: Actor, summary?: Record<string, unknown>): Promise<void> {
    await this.sessions.revoke(actor.sessionId, 'logout');
    await this.audit.recordChange(actor, {
      action: 'auth.logout',
      entityType: 'session',
      entityId: actor.sessionId,
      summary,
    });
    this.socketSessions.endFor({ sessionId: actor.sessionId }, 'logout');
  }

  /** Turns a bearer token into the caller, or throws UNAUTHENTICATED. Algorithm, issuer, audience and expiry are all checked. */
  async authenticate(token: string | undefined, ip: string | null): Promise<Actor> {
    return (await this.authenticateSession(token, ip)).actor;
  }

  /**
   * As authenticate, with the moment the proof runs out: a socket is closed then unless it re-authenticates.
   * A token without `exp` is refused (it would never expire on its own). Only a bad token is UNAUTHENTICATED;
   * a database that cannot be reached throws its own error, so callers can tell "log in again" from "retry".
   */
  async authenticateSession(token: string | undefined, ip: string | null): Promise<AuthenticatedSession> {
    if (!token) throw unauthenticated();
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
        issuer: this.config.auth.jwtIssuer,
        audience: this.config.auth.jwtAudience,
        // @nestjs/jwt passes it to jsonwebtoken, which accepts a KeyObject; its own type only names string | Buffer.
        secret: this.verifyKey as unknown as Buffer,
      });
    } catch {
      throw unauthenticated();
    }
    if (typeof claims.exp !== 'number') throw unauthenticated();
    // Checked before the database sees them: a malformed id in a signed token is still only "not logged in".
    if (!isUuid(claims.sub) || !isUuid(claims.sid)) throw unauthenticated();
    const principal = await this.sessions.findPrincipal(
      claims.sid,
      claims.sub,
      this.config.auth.sessionIdleTimeoutSeconds,
    );
    if (!principal) throw unauthenticated();
    return {
      actor: actorFrom(principal, claims.sid, ip),
      expiresAt: Math.min(claims.exp * 1000, new Date(principal.sessionExpiresAt).getTime()),
      mustEnrol:
        !principal.mfaEnabled && mfaRequiredOf(principal, principal.mfaPolicy ?? defaultMfaPolicy(this.config)),
    };
  }

  /**
   * Someone who must still set up a second factor tried to reach more than the enrolment (a route, a socket):
   * the refusal is audited and its error answered (the Dutch message leads them to Mijn instellingen).
   */
  async refuseUnenrolled(actor: Actor, summary: Record<string, unknown>): Promise<DomainError> {
    await this.audit.recordDenied(actor, { action: 'auth.mfa_enrolment_required', entityType: 'session', summary });
    return mfaEnrolmentRequired();
  }

  /**
   * The caller as the account is now (role, name), or null when the session ended (also by the idle timeout)
   * or the account is inactive. Socket events go through here, so working in a document keeps a session in use.
   */
  async current(actor: Actor): Promise<Actor | null> {
    const principal = await this.sessions.findPrincipal(
      actor.sessionId,
      actor.userId,
      this.config.auth.sessionIdleTimeoutSeconds,
    );
    return principal ? actorFrom(principal, actor.sessionId, actor.ip) : null;
  }

  private async signAccessToken(userId: string, sessionId: string) {
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const accessToken = await this.jwt.signAsync({ sid: sessionId } satisfies Omit<AccessTokenClaims, 'sub'>, {
      subject: userId,
      algorithm: 'HS256',
      issuer: this.config.auth.jwtIssuer,
      audience: this.config.auth.jwtAudience,
      expiresIn,
      secret: this.config.auth.jwtSecret,
    });
    return { accessToken, expiresIn };
  }
}

/** Whether the policy requires a second factor of this person. */
export function mfaRequiredOf(who: Pick<Actor, 'platformRole' | 'rvcMember'>, policy: MfaPolicy): boolean {
  return (
    policy.requireAll ||
    (policy.requireSecretariat && who.platformRole === 'secretariaat') ||
    (policy.requireRvc && who.rvcMember)
  );
}

export const mfaEnrolmentRequired = () =>
  new DomainError(
    ErrorCode.MfaEnrolmentRequired,
    'Stel eerst een tweede factor in bij Mijn instellingen. Voor uw account is inloggen met een tweede factor verplicht.',
  );

function actorFrom(principal: SessionPrincipal, sessionId: string, ip: string | null): Actor {
  return {
    userId: principal.userId,
    email: principal.email,
    displayName: principal.displayName,
    organisationId: principal.organisationId,
    platformRole: principal.platformRole,
    rvcMember: principal.rvcMember,
    sessionId,
    ip,
  };
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}
