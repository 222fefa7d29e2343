import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { APP_CONFIG, AppConfig, conflict, notFound, validationFailed } from '@koers/core';
import { Mailer } from '@koers/notifications';
import { mfaResetMail } from '../accounts/account-mails';
import { sha256 } from '../accounts/one-time-link';
import { PasskeyRepository } from '../passkeys/passkey.repository';
import { UserRepository } from '../users/user.repository';
import { mfaRequiredOf } from '../auth/auth.service';
import { defaultMfaPolicy, MfaPolicy, MfaRepository } from './mfa.repository';
import type { MfaEnrolment, MfaRecoveryCodes, MfaStatus } from '@koers/contracts';
import { newRecoveryCode, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { enrolmentOf, matchingStep, newTotpSecret } from './totp';

/** TOTP enrolment in Mijn instellingen, the region's MFA policy, and the secretariat's reset. */
@Injectable()
export class MfaService {
  private readonly logger = new Logger(MfaService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mfa: MfaRepository,
    private readonly users: UserRepository,
    private readonly mailer: Mailer,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly passkeys: PasskeyRepository,
  ) {}

  /** The policy in force: the saved one, or the installation's default (on for secretariat and RVC outside demo). */
  async policy(): Promise<MfaPolicy> {
    return (await this.mfa.policy()) ?? defaultMfaPolicy(this.config);
  }

  async readPolicy(actor: Actor): Promise<MfaPolicy> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'mfa_policy.read');
    return this.policy();
  }

  async updatePolicy(actor: Actor, policy: MfaPolicy): Promise<MfaPolicy> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'mfa_policy.update');
    await this.dataSource.transaction(async (manager) => {
      await this.mfa.savePolicy(policy, manager);
      await this.audit.recordChange(
        actor,
        { action: 'mfa_policy.update', entityType: 'mfa_policy', summary: { ...policy } },
        manager,
      );
    });
    return this.policy();
  }

  /** Whether this person has a second factor, and whether the policy requires one. */
  async status(actor: Pick<Actor, 'userId' | 'platformRole' | 'rvcMember'>): Promise<MfaStatus> {
    const [state, policy, methods] = await Promise.all([
      this.mfa.state(actor.userId),
      this.policy(),
      this.passkeys.listOf(actor.userId),
    ]);
    const enabled = Boolean(state?.enabledAt);
    return {
      enabled,
      required: mfaRequiredOf(actor, policy),
      recoveryCodesLeft: enabled ? await this.mfa.unusedRecoveryCodes(actor.userId) : 0,
      passkeys: methods.length,
    };
  }

  /** Starts (or restarts) enrolment: a new secret, shown as a QR code; nothing changes until it is confirmed. */
  async startEnrolment(actor: Actor): Promise<MfaEnrolment> {
    const state = await this.mfa.state(actor.userId);
    if (state?.enabledAt)
      throw conflict('U heeft al een tweede factor. Vraag het secretariaat om die te resetten als u een nieuwe wilt.');
    const secret = newTotpSecret();
    await this.mfa.setPending(actor.userId, secret);
    return { secret, ...(await enrolmentOf(secret, actor.email)) };
  }

  /** Confirms enrolment with a code from the app; answers the ten recovery codes, shown this once. */
  async confirmEnrolment(actor: Actor, code: string): Promise<MfaRecoveryCodes> {
    const state = await this.mfa.state(actor.userId);
    if (state?.enabledAt) throw conflict('U heeft al een tweede factor.');
    const step = state?.pendingSecret ? matchingStep(state.pendingSecret, code) : null;
    if (!state?.pendingSecret || step === null) {
      await this.audit.recordFailed(actor, {
        action: 'mfa.enrol',
        entityType: 'user',
        entityId: actor.userId,
        summary: { reason: state?.pendingSecret ? 'wrong_code' : 'not_started' },
      });
      throw validationFailed(
        [{ field: 'code', messages: ['Deze code klopt niet. Typ de code die de app nu toont.'] }],
        'Deze code klopt niet.',
      );
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.dataSource.transaction(async (manager) => {
      await this.mfa.enable(actor.userId, state.pendingSecret!, step, manager);
      await this.mfa.replaceRecoveryCodes(
        actor.userId,
        recoveryCodes.map((c) => sha256(normaliseRecoveryCode(c))),
        manager,
      );
      await this.audit.recordChange(
        actor,
        { action: 'mfa.enrol', entityType: 'user', entityId: actor.userId, summary: { method: 'totp' } },
        manager,
      );
    });
    return { recoveryCodes };
  }

  /** The secretariat removes someone's second factors (lost phone: the app and every passkey); the person is told by mail. */
  async reset(actor: Actor, userId: string): Promise<void> {
    await this.authorization.assertInRegion(actor, 'users.manage', 'mfa.reset');
    const user = await this.users.findById(userId);
    if (!user) throw notFound('De gebruiker');
    await this.dataSource.transaction(async (manager) => {
      await this.mfa.disable(userId, manager);
      await this.audit.recordChange(actor, { action: 'mfa.reset', entityType: 'user', entityId: userId }, manager);
    });
    if (this.mailer.enabled)
      await this.mailer
        .send({ to: { name: user.displayName, address: user.email }, ...mfaResetMail(user, new Date()) })
        .catch((err: Error) => this.logger.warn(`MFA reset notice to ${userId} failed: ${err.message}`));
  }
}
