import { Injectable } from '@nestjs/common';
import { AuditService } from '@koers/audit';
import { forbidden, isUuid, notFound } from '@koers/core';
import { Actor, isSecretariat, MembershipRole } from './actor';
import { MembershipReader } from './membership.reader';
import {
  RegionPermission,
  ROLE_GRANTS,
  RVC_WORKGROUP_GRANTS,
  SECRETARIAT_WORKGROUP_GRANTS,
  WorkgroupPermission,
} from './permissions';

/** What a discharged (archived) werkgroep still allows: it is kept to be read, not changed. */
const READ_ONLY_GRANTS: readonly WorkgroupPermission[] = ['workgroup.view', 'workgroup.content.read'];
const WORKGROUP_PERMISSIONS = Object.keys(ROLE_GRANTS) as WorkgroupPermission[];

type Standing = Awaited<ReturnType<MembershipReader['standingOf']>>;

/** Whether a caller with this standing in a werkgroep holds the permission there. */
function grants(standing: Standing, permission: WorkgroupPermission): boolean {
  if (!standing) return false;
  if (standing.archived && !READ_ONLY_GRANTS.includes(permission)) return false;
  if (standing.platformRole === 'secretariaat' && SECRETARIAT_WORKGROUP_GRANTS.includes(permission)) return true;
  if (standing.role && ROLE_GRANTS[permission].includes(standing.role)) return true;
  return standing.rvcMember && RVC_WORKGROUP_GRANTS.includes(permission);
}

/**
 * The one place that decides "may this user do this". Every controller and socket handler asks it.
 * A refusal is audited. Callers who may not even see a werkgroep get "not found", so ids cannot be
 * probed; callers who see it but may not do this get "forbidden".
 */
@Injectable()
export class AuthorizationService {
  constructor(
    private readonly memberships: MembershipReader,
    private readonly audit: AuditService,
  ) {}

  canInRegion(actor: Actor, permission: RegionPermission): boolean {
    if (permission === 'region.read') return true;
    if (permission === 'reporting.read') return isSecretariat(actor) || actor.rvcMember;
    return isSecretariat(actor);
  }

  async assertInRegion(actor: Actor, permission: RegionPermission, attempted: string): Promise<void> {
    if (this.canInRegion(actor, permission)) return;
    await this.audit.recordDenied(actor, { action: attempted, entityType: 'region', summary: { permission } });
    throw forbidden();
  }

  /**
   * Judged by the account as it is now (session live, account active, current platform role, RVC seat and
   * membership), not by the actor's copy: a socket keeps its actor for hours.
   */
  async canInWorkgroup(actor: Actor, permission: WorkgroupPermission, workgroupId: string): Promise<boolean> {
    const standing = await this.memberships.standingOf(actor, isUuid(workgroupId) ? workgroupId : null);
    return grants(standing, permission);
  }

  /**
   * Every werkgroep permission the caller holds there now, from one look-up: what a representation's
   * `permissions` tell the client (which then shows only what the caller may do), by the very rules above.
   */
  async grantsInWorkgroup(actor: Actor, workgroupId: string): Promise<ReadonlySet<WorkgroupPermission>> {
    const standing = await this.memberships.standingOf(actor, isUuid(workgroupId) ? workgroupId : null);
    return new Set(WORKGROUP_PERMISSIONS.filter((permission) => grants(standing, permission)));
  }

  /**
   * `asked` names what the caller asked for in the "not found" answer ("Het document"): a route that loads
   * a thing by id must refuse an outsider with the very words it uses for an id that does not exist.
   */
  async assertInWorkgroup(
    actor: Actor,
    permission: WorkgroupPermission,
    workgroupId: string,
    attempted: string,
    asked = 'De werkgroep',
  ): Promise<void> {
    if (await this.canInWorkgroup(actor, permission, workgroupId)) return;
    const mayView =
      permission !== 'workgroup.view' && (await this.canInWorkgroup(actor, 'workgroup.view', workgroupId));
    await this.audit.recordDenied(actor, {
      action: attempted,
      entityType: 'workgroup',
      entityId: workgroupId,
      workgroupId: isUuid(workgroupId) ? workgroupId : null,
      summary: { permission },
    });
    throw mayView ? forbidden() : notFound(asked);
  }

  /** The caller's membership role in the werkgroep now (null: not a member, or the session ended). */
  async roleIn(actor: Actor, workgroupId: string): Promise<MembershipRole | null> {
    return (await this.memberships.standingOf(actor, isUuid(workgroupId) ? workgroupId : null))?.role ?? null;
  }

  /** The werkgroepen whose overview the caller may see: all of them, or a list of ids. */
  async visibleWorkgroups(actor: Actor): Promise<'all' | string[]> {
    if (isSecretariat(actor) || actor.rvcMember) return 'all';
    return this.memberships.workgroupIdsOf(actor.userId);
  }
}
