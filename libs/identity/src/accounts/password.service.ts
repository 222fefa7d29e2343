import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { AccountEmail } from '@koers/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import { APP_CONFIG, AppConfig, BackgroundWork, validationFailed } from '@koers/core';
import { Mailer } from '@koers/notifications';
import { AuthSessionRepository } from '../auth/auth-session.repository';
import { SocketSessions } from '../auth/socket-sessions';
import { hashPassword } from '../auth/auth.service';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { UserRepository } from '../users/user.repository';
import { passwordChangedMail, passwordResetMail } from './account-mails';
import { AccountTokenRepository } from './account-token.repository';
import { linkInvalid } from './invitation.service';
import { linkPath, newSecretToken, PASSWORD_RESET_TTL_MS, sha256 } from './one-time-link';
import { assertAcceptablePassword } from './password-policy';

const RESET_LINK_INVALID =
  'Deze link om uw wachtwoord te herstellen is al gebruikt of verlopen. Vraag hieronder een nieuwe aan.';

/** "Wachtwoord vergeten" and changing one's own password. */
@Injectable()
export class PasswordService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PasswordService.name);
  /** Requests still being handled after the answer (awaited on shutdown and by tests through `settled`). */
  private readonly background = new BackgroundWork();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly sessions: AuthSessionRepository,
    private readonly socketSessions: SocketSessions,
    private readonly mailer: Mailer,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /**
   * Accepts a reset request and handles it after the answer has gone out: the caller sees the same answer
   * at the same moment whether the address belongs to an account or not (no enumeration by content or time).
   */
  requestReset(email: string, ip: string | null): void {
    void this.background.track(
      this.handleResetRequest(email, ip).catch((err: Error) =>
        this.logger.error(`Password reset request failed: ${err.message}`),
      ),
    );
  }

  /** Resolves when every reset request accepted so far has been handled. */
  settled(): Promise<void> {
    return this.background.settled();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }

  private async handleResetRequest(email: string, ip: string | null): Promise<void> {
    const user = await this.users.findByEmail(email);
    const who = { userId: user?.id ?? null, email, ip };
    const event = { action: 'auth.password_reset_request', entityType: 'user', entityId: user?.id ?? null };
    if (!user || !user.active) {
      await this.audit.recordFailed(who, { ...event, summary: { reason: user ? 'inactive' : 'unknown_email' } });
      return;
    }
    if (!this.mailer.enabled) {
      await this.audit.recordFailed(who, { ...event, summary: { reason: 'no_mail_configured' } });
      return;
    }
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.issue(user.id, 'password_reset', sha256(token), expiresAt, manager);
      await this.audit.recordChange(who, event, manager);
    });
    const mail = passwordResetMail(
      user,
      `${this.config.mail!.publicUrl}${linkPath('password_reset', token)}`,
      expiresAt,
    );
    await this.mailer.send({ to: { name: user.displayName, address: user.email }, ...mail });
  }

  /** Sets a new password through a reset link; every session of the account ends. */
  async confirmReset(token: string, password: string, ip: string | null): Promise<AccountEmail> {
    const userId = await this.tokens.peek(sha256(token), 'password_reset');
    const user = userId ? await this.users.findById(userId) : null;
    if (!user || !user.active) {
      await this.audit.recordFailed(
        { userId: null, email: null, ip },
        { action: 'auth.password_reset', entityType: 'user', summary: { reason: 'invalid_link' } },
      );
      throw linkInvalid(RESET_LINK_INVALID);
    }
    assertAcceptablePassword(password, user.email);
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.tokens.consume(sha256(token), 'password_reset', manager))) throw linkInvalid(RESET_LINK_INVALID);
      await this.users.setPassword(user.id, passwordHash, manager);
      await this.tokens.retireAllOf(user.id, manager);
      await this.sessions.revokeAllOf(user.id, manager, 'password_reset');
      await this.audit.recordChange(
        { userId: user.id, email: user.email, ip },
        { action: 'auth.password_reset', entityType: 'user', entityId: user.id },
        manager,
      );
    });
    this.socketSessions.endFor({ userId: user.id }, 'password');
    return { email: user.email };
  }

  /** Changes the caller's own password after checking the current one; the caller's other sessions end. */
  async change(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findForLogin(actor.email);
    if (!user?.passwordHash || !(await argon2.verify(user.passwordHash, currentPassword))) {
      // Counts toward the lock like a failed login: a stolen session must not become a password oracle.
      await this.throttle.registerFailure({ email: actor.email, ip: actor.ip });
      await this.audit.recordFailed(actor, {
        action: 'auth.password_change',
        entityType: 'user',
        entityId: actor.userId,
        summary: { reason: 'wrong_password' },
      });
      throw validationFailed(
        [{ field: 'currentPassword', messages: ['Uw huidige wachtwoord klopt niet.'] }],
        'Uw huidige wachtwoord klopt niet.',
      );
    }
    assertAcceptablePassword(newPassword, user.email, 'newPassword');
    if (await argon2.verify(user.passwordHash, newPassword))
      throw validationFailed(
        [{ field: 'newPassword', messages: ['Kies een ander wachtwoord dan uw huidige.'] }],
        'Kies een ander wachtwoord dan uw huidige.',
      );
    const passwordHash = await hashPassword(newPassword);
    const ended = await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(user.id, passwordHash, manager);
      await this.tokens.retireAllOf(user.id, manager);
      const endedSessions = await this.sessions.revokeAllOf(user.id, manager, 'password_changed', actor.sessionId);
      await this.audit.recordChange(
        actor,
        {
          action: 'auth.password_change',
          entityType: 'user',
          entityId: user.id,
          summary: { endedSessions: endedSessions.length },
        },
        manager,
      );
      return endedSessions;
    });
    // The sockets of the other sessions close; this browser's stay open.
    for (const sessionId of ended) this.socketSessions.endFor({ sessionId }, 'password');
    if (this.mailer.enabled) {
      await this.mailer
        .send({ to: { name: user.displayName, address: user.email }, ...passwordChangedMail(user, new Date()) })
        .catch((err: Error) => this.logger.warn(`Password-changed notice to ${user.id} failed: ${err.message}`));
    }
  }
}
