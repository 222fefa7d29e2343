import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService } from '@koers/audit';
import { notFound, TransactionHost } from '@koers/core';
import type { FollowState, FollowType } from '@koers/contracts';
import { FollowEntity, FollowRepository } from './follow.repository';

const ENTITY: Record<FollowType, FollowEntity> = { documents: 'document', actions: 'action', sessions: 'session' };
const ASKED: Record<FollowEntity, string> = { document: 'Het document', action: 'De actie', session: 'De sessie' };

/**
 * Following a document, action or session: its changes and comments then reach the follower's bell. Only
 * what the caller may read (`workgroup.content.read`); anything else, RVC members included, is "not found",
 * as if it did not exist. Creators and owners follow automatically (`followWithin`).
 */
@Injectable()
export class FollowService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: FollowRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async state(actor: Actor, type: FollowType, id: string): Promise<FollowState> {
    const entity = ENTITY[type];
    await this.readable(actor, entity, id, 'follow.read');
    return { following: await this.repository.isFollowing(actor.userId, entity, id) };
  }

  async follow(actor: Actor, type: FollowType, id: string): Promise<FollowState> {
    const entity = ENTITY[type];
    const workgroupId = await this.readable(actor, entity, id, 'follow.create');
    await this.transactions.transaction(async (manager) => {
      if (!(await this.repository.follow(actor.userId, entity, id, workgroupId, manager))) return;
      await this.audit.recordChange(
        actor,
        { action: 'follow.create', entityType: entity, entityId: id, workgroupId, summary: {} },
        manager,
      );
    });
    return { following: true };
  }

  async unfollow(actor: Actor, type: FollowType, id: string): Promise<FollowState> {
    const entity = ENTITY[type];
    const workgroupId = await this.readable(actor, entity, id, 'follow.delete');
    await this.transactions.transaction(async (manager) => {
      if (!(await this.repository.unfollow(actor.userId, entity, id, manager))) return;
      await this.audit.recordChange(
        actor,
        { action: 'follow.delete', entityType: entity, entityId: id, workgroupId, summary: {} },
        manager,
      );
    });
    return { following: false };
  }

  /** Makes someone follow an item inside the caller's transaction (the creator of a document, say). */
  async followWithin(
    manager: EntityManager,
    userId: string,
    entity: FollowEntity,
    id: string,
    workgroupId: string,
  ): Promise<void> {
    await this.repository.follow(userId, entity, id, workgroupId, manager);
  }

  /**
   * The werkgroep of the item when the caller may read it; otherwise a refusal, audited, as "not found" (also
   * the route's access check, before anything else is looked at).
   */
  async readable(actor: Actor, entity: FollowEntity, id: string, attempted: string): Promise<string> {
    const workgroupId = await this.repository.workgroupOf(entity, id);
    if (!workgroupId) throw notFound(ASKED[entity]);
    if (await this.authorization.canInWorkgroup(actor, 'workgroup.content.read', workgroupId)) return workgroupId;
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: entity,
      entityId: id,
      workgroupId,
      summary: { permission: 'workgroup.content.read' },
    });
    throw notFound(ASKED[entity]);
  }
}
