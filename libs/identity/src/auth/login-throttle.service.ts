import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { AccountEmail } from '@koers/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@koers/audit';
import { APP_CONFIG, AppConfig, BackgroundWork, DomainError, ErrorCode } from '@koers/core';
import { Mailer } from '@koers/notifications';
import { unlockMail } from '../accounts/account-mails';
import { AccountTokenRepository } from '../accounts/account-token.repository';
import { linkInvalid } from '../accounts/invitation.service';
import { linkPath, newSecretToken, sha256, UNLOCK_TTL_MS } from '../accounts/one-time-link';
import { UserRepository } from '../users/user.repository';
import { LoginThrottleRepository } from './login-throttle.repository';

/** What a failure is counted against: the address as typed and where the attempt came from. */
export interface LoginAttempt {
  email: string;
  ip: string | null;
}

const UNLOCK_LINK_INVALID = 'Deze link om inloggen te deblokkeren is al gebruikt of verlopen. Probeer in te loggen.';

/**
 * Lockout that a stranger cannot turn against the owner: wrong passwords, wrong MFA codes and a wrong current
 * password are counted per typed address and client address, and the limit locks only that source. The
 * owner of an existing account is mailed a one-time link that lifts every lock on it. Unknown addresses are
 * counted and locked the same way, with the same answer, so the lock tells nothing about who has an account.
 */
@Injectable()
export class LoginThrottleService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LoginThrottleService.name);
  /** Unlock mails still being sent (after the answer went out; awaited on shutdown and by tests). */
  private readonly background = new BackgroundWork();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly failures: LoginThrottleRepository,
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly mailer: Mailer,
    private readonly audit: AuditService,
  ) {}

  /** Throws ACCOUNT_LOCKED when this source is locked out of this address. */
  async assertNotLocked(attempt: LoginAttempt, action: string, userId: string | null): Promise<void> {
    const lockedUntil = await this.failures.lockOf(emailKey(attempt.email), source(attempt));
    if (!lockedUntil) return;
    await this.audit.recordDenied(
      { userId, email: attempt.email, ip: attempt.ip },
      { action, entityType: 'user', entityId: userId, summary: { reason: 'locked' } },
    );
    throw lockedError(lockedUntil);
  }

  /**
   * Counts a failure; answers the lock when this one reached the limit (then the owner, if any, is mailed
   * an unlock link after the answer has gone out).
   */
  async registerFailure(attempt: LoginAttempt): Promise<Date | null> {
    const { loginMaxFailures, loginLockMinutes } = this.config.auth;
    const lockedUntil = await this.failures.registerFailure(
      emailKey(attempt.email),
      source(attempt),
      loginMaxFailures,
      loginLockMinutes,
    );
    if (lockedUntil) {
      // Shown to the secretariat as "geblokkeerd" (no row for an unknown address: the same statement either way).
      await this.users.setLockedUntilByEmail(attempt.email, lockedUntil);
      void this.background.track(
        this.afterLock(attempt, lockedUntil).catch((err: Error) =>
          this.logger.error(`Handling a login lock failed: ${err.message}`),
        ),
      );
    }
    return lockedUntil;
  }

  /** A complete login from this source: its count starts again. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.failures.clear(emailKey(attempt.email), source(attempt));
  }

  /** POST /api/auth/unlock: the owner lifts every lock on their account through the mailed link. */
  async unlock(token: string, ip: string | null): Promise<AccountEmail> {
    const userId = await this.tokens.peek(sha256(token), 'unlock');
    const user = userId ? await this.users.findById(userId) : null;
    if (!user || !user.active) {
      await this.audit.recordFailed(
        { userId: null, email: null, ip },
        { action: 'auth.unlock', entityType: 'user', summary: { reason: 'invalid_link' } },
      );
      throw linkInvalid(UNLOCK_LINK_INVALID);
    }
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.tokens.consume(sha256(token), 'unlock', manager))) throw linkInvalid(UNLOCK_LINK_INVALID);
      await this.failures.clearAll(emailKey(user.email), manager);
      await this.users.setLockedUntil(user.id, null, manager);
      await this.audit.recordChange(
        { userId: user.id, email: user.email, ip },
        { action: 'auth.unlock', entityType: 'user', entityId: user.id },
        manager,
      );
    });
    return { email: user.email };
  }

  /** Resolves when every unlock mail accepted so far has been handled. */
  settled(): Promise<void> {
    return this.background.settled();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }

  private async afterLock(attempt: LoginAttempt, lockedUntil: Date): Promise<void> {
    await this.failures.prune();
    const user = await this.users.findByEmail(attempt.email);
    if (!user || !user.active) return;
    const who = { userId: user.id, email: user.email, ip: attempt.ip };
    const event = { action: 'auth.lock', entityType: 'user', entityId: user.id };
    if (!this.mailer.enabled) {
      await this.audit.recordChange(who, { ...event, summary: { unlockMail: false } });
      return;
    }
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + UNLOCK_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.issue(user.id, 'unlock', sha256(token), expiresAt, manager);
      await this.audit.recordChange(who, { ...event, summary: { unlockMail: true } }, manager);
    });
    const link = `${this.config.mail!.publicUrl}${linkPath('unlock', token)}`;
    const mail = unlockMail(user, source(attempt), lockedUntil, link, expiresAt);
    await this.mailer.send({ to: { name: user.displayName, address: user.email }, ...mail });
  }
}

/** The typed address's key: lower case, so "Burgemeester@…" and "burgemeester@…" count together. */
export function emailKey(email: string): string {
  return sha256(email.trim().toLowerCase());
}

function source(attempt: LoginAttempt): string {
  return attempt.ip ?? '';
}

export function lockedError(until: Date): DomainError {
  const time = until.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  return new DomainError(
    ErrorCode.AccountLocked,
    `Te veel mislukte pogingen vanaf dit adres. Probeer het na ${time} opnieuw. Hoort het e-mailadres bij een account, dan krijgt de eigenaar een e-mail om de blokkade op te heffen.`,
  );
}
