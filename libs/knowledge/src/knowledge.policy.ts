import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import { forbidden, notFound } from '@koers/core';
import { KnowledgeRepository } from './knowledge.repository';

/**
 * Who may read and change the kennisbank.
 *
 * Read: the strategy wants practices shared across the region (the "apothekerskast"), so everyone who
 * works in a werkgroep (any membership role, in any werkgroep) and the secretariat may read every theme's
 * library. Users without a membership (RVC-only accounts, people not yet placed) may not: RVC members read
 * what is reported upward, not the working material of the werkgroepen.
 *
 * Change: the secretariat, and members of the theme's own werkgroep in a role that manages its working
 * lists (aanjager, lid, ambtelijk: the grants of `workgroup.actions.manage`). Guests and observers read.
 *
 * A refusal is audited and answered with 403: the items themselves are not secret to the caller's kind.
 */
@Injectable()
export class KnowledgePolicy {
  constructor(
    private readonly repository: KnowledgeRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async canRead(actor: Actor): Promise<boolean> {
    return isSecretariat(actor) || (await this.repository.hasAnyMembership(actor.userId));
  }

  async canChange(actor: Actor, themeId: string): Promise<boolean> {
    if (isSecretariat(actor)) return true;
    const workgroupId = await this.repository.workgroupOfTheme(themeId);
    return (
      workgroupId !== null && (await this.authorization.canInWorkgroup(actor, 'workgroup.actions.manage', workgroupId))
    );
  }

  async assertRead(actor: Actor, attempted: string, entity: { type: string; id: string | null }): Promise<void> {
    if (await this.canRead(actor)) return;
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: entity.type,
      entityId: entity.id,
      summary: { permission: 'knowledge.read' },
    });
    throw forbidden('Alleen leden van een werkgroep en het secretariaat raadplegen de kennisbank.');
  }

  async assertChange(
    actor: Actor,
    themeId: string,
    attempted: string,
    entity: { type: string; id: string | null },
  ): Promise<void> {
    if (await this.canChange(actor, themeId)) return;
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: entity.type,
      entityId: entity.id,
      workgroupId: await this.repository.workgroupOfTheme(themeId),
      summary: { permission: 'knowledge.manage', themeId },
    });
    throw forbidden('Alleen de werkgroep van deze prioriteit en het secretariaat wijzigen deze kennisbank.');
  }

  /** Searching a theme's library: readers only, and the theme must exist. */
  async assertMaySearch(actor: Actor, themeId: string): Promise<void> {
    await this.assertRead(actor, 'knowledge.search', { type: 'theme', id: themeId });
    if (!(await this.repository.themeExists(themeId))) throw notFound('De prioriteit');
  }

  /** Adding to a theme's library; a reader learns that an unknown theme does not exist, others get 403. */
  async assertMayCreate(actor: Actor, themeId: string): Promise<void> {
    if (!(await this.repository.themeExists(themeId))) {
      await this.assertRead(actor, 'knowledge.create', { type: 'theme', id: themeId });
      throw notFound('De prioriteit');
    }
    await this.assertChange(actor, themeId, 'knowledge.create', { type: 'theme', id: themeId });
  }

  /** Changing an item: it must exist for a reader, and the caller must change its theme's library. */
  async assertMayUpdate(actor: Actor, id: string): Promise<void> {
    await this.assertRead(actor, 'knowledge.read', { type: 'knowledge_item', id });
    const item = await this.repository.findView(id);
    if (!item) throw notFound('Het item');
    await this.assertChange(actor, item.themeId, 'knowledge.update', { type: 'knowledge_item', id });
  }
}
