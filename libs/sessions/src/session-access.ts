import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, WorkgroupPermission } from '@koers/access';
import { notFound } from '@koers/core';
import { SessionRow } from './session.model';
import { SessionRepository } from './session.repository';

/**
 * Loads a session for a caller: "not found" unless they may read its werkgroep (so ids cannot be probed),
 * then "forbidden" unless they also hold the permission the attempted change needs.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly repository: SessionRepository,
    private readonly authorization: AuthorizationService,
  ) {}

  /** `asked` names what was asked for when it is reached through the session (an agenda item, a decision). */
  async session(
    actor: Actor,
    id: string,
    permission: WorkgroupPermission,
    attempted: string,
    asked = 'De sessie',
  ): Promise<SessionRow> {
    const session = await this.repository.findSession(id);
    // A governance body's meeting is a session without a werkgroep: libs/governance serves it, by its own rule.
    if (!session || !session.workgroupId) throw notFound(asked);
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', session.workgroupId, attempted, asked);
    if (permission !== 'workgroup.content.read')
      await this.authorization.assertInWorkgroup(actor, permission, session.workgroupId, attempted);
    return session;
  }

  /** Every werkgroep permission the caller holds there now (for the `permissions` of a representation). */
  grants(actor: Actor, workgroupId: string): Promise<ReadonlySet<WorkgroupPermission>> {
    return this.authorization.grantsInWorkgroup(actor, workgroupId);
  }

  can(actor: Actor, permission: WorkgroupPermission, workgroupId: string): Promise<boolean> {
    return this.authorization.canInWorkgroup(actor, permission, workgroupId);
  }

  assert(
    actor: Actor,
    permission: WorkgroupPermission,
    workgroupId: string,
    attempted: string,
    asked?: string,
  ): Promise<void> {
    return this.authorization.assertInWorkgroup(actor, permission, workgroupId, attempted, asked);
  }
}
