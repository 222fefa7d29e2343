import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AccountEmail } from '@koers/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditActor, AuditService } from '@koers/audit';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, notFound } from '@koers/core';
import { Mailer } from '@koers/notifications';
import { AuthSessionRepository } from '../auth/auth-session.repository';
import { SocketSessions } from '../auth/socket-sessions';
import { hashPassword } from '../auth/auth.service';
import { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { RegionService } from '../region/region.service';
import { invitationMail } from './account-mails';
import { AccountTokenRepository } from './account-token.repository';
import { INVITATION_TTL_MS, linkPath, newSecretToken, sha256 } from './one-time-link';
import { assertAcceptablePassword } from './password-policy';

/**
 * How an invitation reached the person: by mail, or (without SMTP, the embedded default) as a link the
 * secretariat hands over itself; `mail_failed` when the SMTP server refused it (resend later).
 */
export interface InvitationDelivery {
  delivery: 'mail' | 'mail_failed' | 'link';
  expiresAt: string;
  /** Only without SMTP: the path with the one-time token, for the secretariat to hand over. */
  link?: string;
}

export const linkInvalid = (message: string) => new DomainError(ErrorCode.LinkInvalid, message);

/** Invitations: a one-time link (72 hours) where a new person sets their own password. */
@Injectable()
export class InvitationService {
  private readonly logger = new Logger(InvitationService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly sessions: AuthSessionRepository,
    private readonly socketSessions: SocketSessions,
    private readonly mailer: Mailer,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly region: RegionService,
  ) {}

  /** Sends (again) an invitation to an active account; an earlier unused invitation stops working. */
  async resend(actor: Actor, userId: string): Promise<InvitationDelivery> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'user.invite');
    const user = await this.users.findById(userId);
    if (!user) throw notFound('De gebruiker');
    if (!user.active)
      throw new DomainError(ErrorCode.Conflict, 'Dit account is gedeactiveerd. Activeer het eerst en nodig dan uit.');
    return this.invite(actor, user);
  }

  /** Called right after an account is created, and by resend. */
  async invite(actor: AuditActor, user: UserEntity): Promise<InvitationDelivery> {
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.issue(user.id, 'invitation', sha256(token), expiresAt, manager);
      await this.audit.recordChange(
        actor,
        { action: 'user.invite', entityType: 'user', entityId: user.id, summary: { mailed: this.mailer.enabled } },
        manager,
      );
    });
    const path = linkPath('invitation', token);
    if (!this.mailer.enabled) return { delivery: 'link', expiresAt: expiresAt.toISOString(), link: path };
    const mail = invitationMail(user, `${this.config.mail!.publicUrl}${path}`, expiresAt, await this.region.words());
    try {
      await this.mailer.send({ to: { name: user.displayName, address: user.email }, ...mail });
      return { delivery: 'mail', expiresAt: expiresAt.toISOString() };
    } catch (err) {
      this.logger.warn(`Invitation mail to user ${user.id} failed: ${(err as Error).message}`);
      await this.audit.recordFailed(actor, {
        action: 'user.invite_mail',
        entityType: 'user',
        entityId: user.id,
        summary: { reason: 'smtp_refused' },
      });
      return { delivery: 'mail_failed', expiresAt: expiresAt.toISOString() };
    }
  }

  /** The invited person sets their password; the link is used up, and any earlier session ends. */
  async accept(token: string, password: string, ip: string | null): Promise<AccountEmail> {
    const userId = await this.tokens.peek(sha256(token), 'invitation');
    const user = userId ? await this.users.findById(userId) : null;
    if (!user || !user.active) {
      await this.audit.recordFailed(
        { userId: null, email: null, ip },
        { action: 'user.invitation_accept', entityType: 'user', summary: { reason: 'invalid_link' } },
      );
      throw linkInvalid(
        'Deze uitnodigingslink is al gebruikt of verlopen. Vraag het secretariaat om een nieuwe uitnodiging.',
      );
    }
    assertAcceptablePassword(password, user.email);
    const passwordHash = await hashPassword(password);
    const who = { userId: user.id, email: user.email, ip };
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.tokens.consume(sha256(token), 'invitation', manager)))
        throw linkInvalid(
          'Deze uitnodigingslink is al gebruikt of verlopen. Vraag het secretariaat om een nieuwe uitnodiging.',
        );
      await this.users.setPassword(user.id, passwordHash, manager);
      await this.sessions.revokeAllOf(user.id, manager, 'password_set');
      await this.audit.recordChange(
        who,
        { action: 'user.invitation_accept', entityType: 'user', entityId: user.id },
        manager,
      );
    });
    this.socketSessions.endFor({ userId: user.id }, 'password');
    return { email: user.email };
  }
}
