import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import { forbidden, isUuid, notFound } from '@koers/core';
import { ConsultationRepository } from './consultation.repository';

const ASKED = 'De consultatie';

/**
 * Who may see and change a consultation (docs/strategy-cycle.md):
 * - the secretariat manages every consultation and may enter an answer on behalf of any asked organisation;
 * - RVC members read every consultation (the board adopts the strategy after it);
 * - the contact people the secretariat named for an asked organisation (users of that organisation, the same
 *   rule as in an inventory) read the consultation and answer for the organisations they are named for; the
 *   answers of councils are public decisions, so they see the others' answers too;
 * - anyone else, other users of an asked gemeente included, does not know it exists (404), as for an id that
 *   does not exist.
 * Refusals are audited.
 */
@Injectable()
export class ConsultationPolicy {
  constructor(
    private readonly repository: ConsultationRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async canRead(actor: Actor, consultationId: string): Promise<boolean> {
    if (isSecretariat(actor) || actor.rvcMember) return true;
    return (await this.repository.contactOrganisations(consultationId, actor.userId)).length > 0;
  }

  canManage(actor: Actor): boolean {
    return isSecretariat(actor);
  }

  /** Whether the caller may enter this organisation's answer: the secretariat, or a named contact of it. */
  async canAnswerFor(actor: Actor, consultationId: string, organisationId: string): Promise<boolean> {
    if (isSecretariat(actor)) return true;
    return (await this.repository.contactOrganisations(consultationId, actor.userId)).includes(organisationId);
  }

  assertMayCreate(actor: Actor): Promise<void> {
    return this.authorization.assertInRegion(actor, 'region.manage', 'consultation.create');
  }

  async assertMayRead(actor: Actor, consultationId: string, attempted = 'consultation.read'): Promise<void> {
    if (!isUuid(consultationId) || !(await this.repository.find(consultationId))) throw notFound(ASKED);
    if (await this.canRead(actor, consultationId)) return;
    await this.deny(actor, attempted, consultationId, 'consultation.read');
    throw notFound(ASKED);
  }

  async assertMayManage(actor: Actor, consultationId: string, attempted: string): Promise<void> {
    await this.assertMayRead(actor, consultationId, attempted);
    if (this.canManage(actor)) return;
    await this.deny(actor, attempted, consultationId, 'consultation.manage');
    throw forbidden('Alleen het secretariaat beheert een consultatie.');
  }

  async assertMayManagePoint(actor: Actor, pointId: string, attempted: string): Promise<void> {
    const consultationId = isUuid(pointId) ? await this.repository.consultationOfPoint(pointId) : null;
    if (!consultationId) throw notFound('Het punt');
    if (!(await this.canRead(actor, consultationId))) {
      await this.deny(actor, attempted, consultationId, 'consultation.read');
      throw notFound('Het punt');
    }
    if (this.canManage(actor)) return;
    await this.deny(actor, attempted, consultationId, 'consultation.manage');
    throw forbidden('Alleen het secretariaat beantwoordt de punten.');
  }

  /** A named contact answers only for the organisations they are named for; the secretariat for any asked one. */
  async assertMayAnswer(actor: Actor, consultationId: string, organisationId: string): Promise<void> {
    await this.assertMayRead(actor, consultationId, 'consultation.answer');
    if (!isUuid(organisationId) || !(await this.repository.isAsked(consultationId, organisationId)))
      throw notFound('De gemeente');
    if (await this.canAnswerFor(actor, consultationId, organisationId)) return;
    await this.deny(actor, 'consultation.answer', consultationId, 'consultation.answer');
    throw forbidden('U kunt alleen de reactie invullen van de organisatie waarvoor u contactpersoon bent.');
  }

  private deny(actor: Actor, action: string, consultationId: string, permission: string): Promise<void> {
    return this.audit.recordDenied(actor, {
      action,
      entityType: 'consultation',
      entityId: consultationId,
      summary: { permission },
    });
  }
}
