import { Injectable } from '@nestjs/common';
import { Actor, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import { forbidden, isUuid, notFound } from '@koers/core';
import { InventoryRepository } from './inventory.repository';

/** How the caller stands towards one inventory. */
export type InventoryStanding =
  | { kind: 'secretariat' }
  | { kind: 'rvc' }
  /** A contact person: answers for these organisations only. */
  | { kind: 'contact'; organisationIds: string[] };

/**
 * Who may see and do what in an inventory (docs/strategy-cycle.md):
 * - the secretariat runs it: starts it, names contact people, groups names, answers on behalf, selects themes;
 * - RVC members read everything (progress, ranking, selection) and change nothing (403);
 * - a contact person (named per asked organisation) sees the inventory and answers for their own
 *   organisation; another organisation's answer does not exist for them (404), the secretariat's work is 403;
 * - anyone else: the inventory does not exist (404). Every refusal is audited.
 */
@Injectable()
export class InventoryPolicy {
  constructor(
    private readonly repository: InventoryRepository,
    private readonly audit: AuditService,
  ) {}

  async standing(actor: Actor, inventoryId: string): Promise<InventoryStanding | null> {
    if (!isUuid(inventoryId) || !(await this.repository.find(inventoryId))) return null;
    if (isSecretariat(actor)) return { kind: 'secretariat' };
    if (actor.rvcMember) return { kind: 'rvc' };
    const organisationIds = await this.repository.contactOrganisations(inventoryId, actor.userId);
    return organisationIds.length ? { kind: 'contact', organisationIds } : null;
  }

  private async deny(
    actor: Actor,
    attempted: string,
    inventoryId: string,
    visible: boolean,
    summary = {},
  ): Promise<never> {
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: 'inventory',
      entityId: isUuid(inventoryId) ? inventoryId : null,
      summary: { permission: attempted, ...summary },
    });
    throw visible ? forbidden('Alleen het secretariaat doet dit.') : notFound('De inventarisatie');
  }

  /** Reading the inventory: the secretariat, RVC members and its contact people. */
  async assertRead(actor: Actor, inventoryId: string, attempted = 'inventory.read'): Promise<InventoryStanding> {
    const standing = await this.standing(actor, inventoryId);
    if (!standing) return this.deny(actor, attempted, inventoryId, false);
    return standing;
  }

  /** Reading the overview (ranking, export): the secretariat and RVC members. */
  async assertOverview(actor: Actor, inventoryId: string): Promise<void> {
    const standing = await this.assertRead(actor, inventoryId, 'inventory.ranking');
    if (standing.kind === 'contact') await this.deny(actor, 'inventory.ranking', inventoryId, true);
  }

  /** Changing the inventory itself: the secretariat. */
  async assertManage(actor: Actor, inventoryId: string, attempted: string): Promise<void> {
    const standing = await this.assertRead(actor, inventoryId, attempted);
    if (standing.kind !== 'secretariat') await this.deny(actor, attempted, inventoryId, true);
  }

  /** Starting an inventory: the secretariat. */
  async assertCreate(actor: Actor): Promise<void> {
    if (isSecretariat(actor)) return;
    await this.audit.recordDenied(actor, {
      action: 'inventory.create',
      entityType: 'inventory',
      summary: { permission: 'inventory.create' },
    });
    throw forbidden('Alleen het secretariaat start een inventarisatie.');
  }

  /**
   * One organisation's answer: reading it (RVC members too) or writing it (the secretariat, on behalf, or the
   * organisation's own contact). An organisation that was not asked, or not the contact's own, is 404.
   */
  async assertResponse(actor: Actor, inventoryId: string, organisationId: string, write: boolean) {
    const attempted = write ? 'inventory.response.save' : 'inventory.response.read';
    const standing = await this.assertRead(actor, inventoryId, attempted);
    const asked = isUuid(organisationId) && (await this.repository.isAsked(inventoryId, organisationId));
    if (standing.kind === 'contact' && !standing.organisationIds.includes(organisationId)) {
      await this.audit.recordDenied(actor, {
        action: attempted,
        entityType: 'inventory_response',
        entityId: isUuid(inventoryId) ? inventoryId : null,
        summary: { permission: attempted, organisationId },
      });
      throw notFound('Het antwoord van deze organisatie');
    }
    if (write && standing.kind === 'rvc') await this.deny(actor, attempted, inventoryId, true);
    if (!asked) throw notFound('Het antwoord van deze organisatie');
    return standing;
  }
}
