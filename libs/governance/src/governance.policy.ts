import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import { forbidden, isUuid, notFound } from '@koers/core';
import { GovernanceRepository } from './governance.repository';

/**
 * Who may see and change governance bodies and their meetings (docs/strategy-cycle.md): the secretariat
 * manages all of them; members of a body (in person, or through an organisation that is a member) see the
 * body, its members and its meetings; nobody else knows it exists (404). Being an RVC member grants nothing
 * here by itself: RVC members keep seeing only what is reported upward, and the meetings of the bodies they sit in.
 */
@Injectable()
export class GovernancePolicy {
  constructor(
    private readonly repository: GovernanceRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  canManage(actor: Actor): boolean {
    return isSecretariat(actor);
  }

  assertMayCreate(actor: Actor): Promise<void> {
    return this.authorization.assertInRegion(actor, 'region.manage', 'body.create');
  }

  async assertMaySeeBody(actor: Actor, bodyId: string, attempted = 'body.read'): Promise<void> {
    if (!isUuid(bodyId) || !(await this.repository.bodyFields(bodyId))) throw notFound('Het orgaan');
    if (isSecretariat(actor) || (await this.repository.isMember(actor.userId, bodyId))) return;
    await this.deny(actor, attempted, 'body', bodyId, 'body.read');
    throw notFound('Het orgaan');
  }

  async assertMayManageBody(actor: Actor, bodyId: string, attempted: string): Promise<void> {
    await this.assertMaySeeBody(actor, bodyId, attempted);
    if (this.canManage(actor)) return;
    await this.deny(actor, attempted, 'body', bodyId, 'body.manage');
    throw forbidden('Alleen het secretariaat beheert de organen en hun vergaderingen.');
  }

  async assertMaySeeMeeting(actor: Actor, meetingId: string, attempted = 'meeting.read'): Promise<string> {
    const bodyId = isUuid(meetingId) ? await this.repository.bodyOfMeeting(meetingId) : null;
    if (!bodyId) throw notFound('De vergadering');
    if (isSecretariat(actor) || (await this.repository.isMember(actor.userId, bodyId))) return bodyId;
    await this.deny(actor, attempted, 'meeting', meetingId, 'body.read');
    throw notFound('De vergadering');
  }

  async assertMayManageMeeting(actor: Actor, meetingId: string, attempted: string): Promise<string> {
    const bodyId = await this.assertMaySeeMeeting(actor, meetingId, attempted);
    if (this.canManage(actor)) return bodyId;
    await this.deny(actor, attempted, 'meeting', meetingId, 'body.manage');
    throw forbidden('Alleen het secretariaat beheert de organen en hun vergaderingen.');
  }

  private deny(actor: Actor, action: string, entityType: string, entityId: string, permission: string): Promise<void> {
    return this.audit.recordDenied(actor, { action, entityType, entityId, summary: { permission } });
  }
}
