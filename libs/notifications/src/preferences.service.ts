import { Injectable } from '@nestjs/common';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import { DigestRepository } from './digest.repository';
import { Mailer } from './mailer';
import { TransactionHost } from '@koers/core';

export interface Preferences {
  /** The weekly e-mail of what waits on me; on unless I turned it off. */
  weeklyDigest: boolean;
  /** The notifications that close a loop (reports, replies, mentions) also by e-mail; on unless turned off. */
  emailNotifications: boolean;
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
    const settings = await this.repository.settings(actor.userId);
    return { ...settings, emailEnabled: this.mailer.enabled };
  }

  async update(actor: Actor, input: { weeklyDigest?: boolean; emailNotifications?: boolean }): Promise<Preferences> {
    const before = await this.repository.settings(actor.userId);
    const changes: Record<string, { from: boolean; to: boolean }> = {};
    for (const key of ['weeklyDigest', 'emailNotifications'] as const) {
      const to = input[key];
      if (to !== undefined && to !== before[key]) changes[key] = { from: before[key], to };
    }
    if (Object.keys(changes).length) {
      await this.transactions.transaction(async (manager) => {
        await this.repository.setSettings(actor.userId, { ...before, ...input }, manager);
        await this.audit.recordChange(
          actor,
          { action: 'preferences.update', entityType: 'user', entityId: actor.userId, summary: { changes } },
          manager,
        );
      });
    }
    return this.get(actor);
  }
}
