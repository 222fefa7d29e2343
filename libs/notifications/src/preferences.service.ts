import { Injectable } from '@nestjs/common';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import { DigestRepository } from './digest.repository';
import { Mailer } from './mailer';
import { TransactionHost } from '@koers/core';

export interface Preferences {
  /** The weekly e-mail of what waits on me; on unless I turned it off. */
  weeklyDigest: boolean;
  /** Whether this installation sends e-mail at all (SMTP configured): without it the setting has no effect. */
  emailEnabled: boolean;
}

/** A person's own settings. Only one's own: the caller is always the subject. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: DigestRepository,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
  ) {}

  async get(actor: Actor): Promise<Preferences> {
    return { weeklyDigest: await this.repository.weeklyDigest(actor.userId), emailEnabled: this.mailer.enabled };
  }

  async update(actor: Actor, input: { weeklyDigest?: boolean }): Promise<Preferences> {
    const before = await this.repository.weeklyDigest(actor.userId);
    if (input.weeklyDigest !== undefined && input.weeklyDigest !== before) {
      const weeklyDigest = input.weeklyDigest;
      await this.transactions.transaction(async (manager) => {
        await this.repository.setWeeklyDigest(actor.userId, weeklyDigest, manager);
        await this.audit.recordChange(
          actor,
          {
            action: 'preferences.update',
            entityType: 'user',
            entityId: actor.userId,
            summary: { changes: { weeklyDigest: { from: before, to: weeklyDigest } } },
          },
          manager,
        );
      });
    }
    return this.get(actor);
  }
}
