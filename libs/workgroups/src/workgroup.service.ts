import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuthorizationService, MembershipRole, workgroupPermissionsOf } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import {
  conflict,
  EventBus,
  lockVersion,
  notFound,
  StaleVersionError,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import { StrategyService } from '@koers/strategy';
import { checkComposition, CompositionSeat, TAX_AUTHORITY_SEAT } from './composition';
import { WorkgroupRepository } from './workgroup.repository';
import type { DefaultCompositionRules, WorkgroupKind } from '@koers/contracts';

export interface WorkgroupInput {
  themeId?: string | null;
  kind?: WorkgroupKind;
  name: string;
  description?: string;
}

@Injectable()
export class WorkgroupService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: WorkgroupRepository,
    private readonly strategy: StrategyService,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  /** Only the werkgroepen the caller may see. */
  async list(actor: Actor) {
    const visible = await this.authorization.visibleWorkgroups(actor);
    const workgroups = await this.repository.list(visible);
    const ids = workgroups.map((w) => w.id);
    const [themes, counts, memberships] = await Promise.all([
      this.strategy.themesByIds(workgroups.flatMap((w) => (w.themeId ? [w.themeId] : []))),
      this.repository.memberCounts(ids),
      this.repository.membershipsOf(actor.userId),
    ]);
    return workgroups.map((w) => {
      const theme = themes.find((t) => t.id === w.themeId);
      return {
        id: w.id,
        name: w.name,
        description: w.description,
        kind: w.kind,
        themeId: w.themeId,
        themeTitle: theme?.title ?? null,
        strategyId: theme?.strategyId ?? null,
        memberCount: counts.get(w.id) ?? 0,
        myRole: memberships.find((m) => m.workgroupId === w.id)?.role ?? null,
        version: w.version,
      };
    });
  }

  async get(actor: Actor, id: string) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.view', id, 'workgroup.read');
    const workgroup = await this.repository.findById(id);
    if (!workgroup) throw notFound('De werkgroep');
    const [[theme], members, districts, grants] = await Promise.all([
      workgroup.themeId ? this.strategy.themesByIds([workgroup.themeId]) : Promise.resolve([]),
      this.repository.members(id),
      this.repository.districtsOfRegion(),
      this.authorization.grantsInWorkgroup(actor, id),
    ]);
    const composition = checkComposition({
      districts,
      seats: workgroup.compositionRules,
      members,
    });
    return {
      ...workgroup,
      theme: theme ?? null,
      members,
      composition,
      myRole: members.find((m) => m.userId === actor.userId)?.role ?? null,
      permissions: workgroupPermissionsOf(grants),
    };
  }

  /** The seats a new werkgroep starts from, with their version; readable by everyone signed in. */
  async defaultCompositionRules(actor: Actor): Promise<DefaultCompositionRules> {
    await this.authorization.assertInRegion(actor, 'region.read', 'region.composition.read');
    const current = await this.transactions.transaction((m) => this.repository.defaultCompositionRules(m));
    return { compositionRules: current?.compositionRules ?? [], version: current?.version ?? 1 };
  }

  /**
   * The secretariat sets the region's default seats; existing werkgroepen keep theirs. With `expectedVersion`
   * (If-Match) a change based on rules someone else changed since is 409 STALE_VERSION with the stored rules.
   * Audited with before and after.
   */
  async setDefaultCompositionRules(
    actor: Actor,
    rules: CompositionSeat[],
    expectedVersion?: number,
  ): Promise<DefaultCompositionRules> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'region.composition.update');
    return this.transactions.transaction(async (manager) => {
      const before = await this.repository.defaultCompositionRules(manager, true);
      if (!before) throw conflict('Er is nog geen regio ingericht.');
      if (expectedVersion !== undefined && expectedVersion !== before.version)
        throw new StaleVersionError({ compositionRules: before.compositionRules, version: before.version });
      await this.repository.setDefaultCompositionRules(before.regionId, rules, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'region.composition.update',
          entityType: 'region',
          entityId: null,
          summary: { changes: { defaultCompositionRules: { from: before.compositionRules.length, to: rules.length } } },
        },
        manager,
      );
      const after = (await this.repository.defaultCompositionRules(manager))!;
      return { compositionRules: after.compositionRules, version: after.version };
    });
  }

  membershipsOf(actor: Actor) {
    return this.repository.membershipsOf(actor.userId);
  }

  async create(actor: Actor, input: WorkgroupInput) {
    await this.authorization.assertInRegion(actor, 'region.manage', 'workgroup.create');
    const themeId = input.themeId ?? null;
    const [theme] = themeId ? await this.strategy.themesByIds([themeId]) : [null];
    if (themeId && !theme)
      throw validationFailed([{ field: 'themeId', messages: ['Dit thema (deze prioriteit) bestaat niet.'] }]);
    const created = await this.change(actor, 'workgroup.create', null, async (manager) => {
      await this.assertNameFree(input.name, null, manager);
      // A new werkgroep starts from the region's default seats (the Belastingdienst too where the theme asks for it).
      const defaults = (await this.repository.defaultCompositionRules(manager))?.compositionRules ?? [];
      const compositionRules =
        theme?.requiresTaxAuthority && !defaults.some((seat) => seat.code === TAX_AUTHORITY_SEAT.code)
          ? [...defaults, TAX_AUTHORITY_SEAT]
          : defaults;
      const created = await this.repository.insert(
        {
          themeId,
          kind: input.kind ?? 'werkgroep',
          name: input.name,
          description: input.description ?? '',
          compositionRules,
        },
        manager,
      );
      return {
        result: created,
        entityId: created.id,
        workgroupId: created.id,
        summary: { name: created.name, kind: created.kind, themeId: created.themeId },
      };
    });
    // As the list shows it: a new werkgroep has no members yet.
    return {
      id: created.id,
      name: created.name,
      description: created.description,
      kind: created.kind,
      themeId: created.themeId,
      themeTitle: theme?.title ?? null,
      strategyId: theme?.strategyId ?? null,
      memberCount: 0,
      myRole: null,
      version: created.version,
    };
  }

  async update(
    actor: Actor,
    id: string,
    input: { name?: string; kind?: WorkgroupKind; description?: string; compositionRules?: CompositionSeat[] },
    expectedVersion?: number,
  ) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', id, 'workgroup.update');
    await this.change(actor, 'workgroup.update', id, async (manager) => {
      await lockVersion(manager, 'workgroups', id, expectedVersion, (m) => this.repository.findById(id, m));
      const before = await this.repository.findById(id, manager);
      if (!before) throw notFound('De werkgroep');
      if (input.name !== undefined) await this.assertNameFree(input.name, id, manager);
      await this.repository.update(id, input, manager);
      return { result: undefined, entityId: id, workgroupId: id, summary: { changes: diffFields(before, input) } };
    });
    // The whole werkgroep, as GET answers it: the form reloads from it and its composition may have changed.
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', id, 'workgroup.delete');
    const refusal = { action: 'workgroup.delete', entityType: 'workgroup', entityId: id, workgroupId: id };
    await this.audit.deleteUnlessInUse(actor, refusal, 'De werkgroep', () =>
      this.change(actor, 'workgroup.delete', id, async (manager) => {
        await lockVersion(manager, 'workgroups', id, expectedVersion, (m) => this.repository.findById(id, m));
        const existing = await this.repository.findById(id, manager);
        if (!existing) throw notFound('De werkgroep');
        await this.repository.delete(id, manager);
        return { result: undefined, entityId: id, workgroupId: id, summary: { name: existing.name } };
      }),
    );
  }

  async addMember(actor: Actor, workgroupId: string, userId: string, role: MembershipRole) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', workgroupId, 'workgroup.member.add');
    await this.change(actor, 'workgroup.member.add', workgroupId, async (manager) => {
      if (!(await this.repository.findById(workgroupId, manager))) throw notFound('De werkgroep');
      if (!(await this.repository.userExists(userId, manager)))
        throw validationFailed([{ field: 'userId', messages: ['Deze gebruiker bestaat niet.'] }]);
      if (await this.repository.findMember(workgroupId, userId, manager))
        throw conflict('Deze persoon is al lid van de werkgroep.');
      await this.repository.insertMember(workgroupId, userId, role, manager);
      return { result: undefined, entityId: userId, workgroupId, summary: { userId, role } };
    });
    return this.get(actor, workgroupId);
  }

  async changeMemberRole(actor: Actor, workgroupId: string, userId: string, role: MembershipRole) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', workgroupId, 'workgroup.member.update');
    await this.change(actor, 'workgroup.member.update', workgroupId, async (manager) => {
      const member = await this.repository.findMember(workgroupId, userId, manager);
      if (!member) throw notFound('Het lidmaatschap');
      await this.repository.updateMemberRole(workgroupId, userId, role, manager);
      return {
        result: undefined,
        entityId: userId,
        workgroupId,
        summary: { userId, role: { from: member.role, to: role } },
      };
    });
    this.events.publish('membership.changed', { workgroupId, userId });
    return this.get(actor, workgroupId);
  }

  async removeMember(actor: Actor, workgroupId: string, userId: string) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.manage', workgroupId, 'workgroup.member.remove');
    await this.change(actor, 'workgroup.member.remove', workgroupId, async (manager) => {
      const member = await this.repository.findMember(workgroupId, userId, manager);
      if (!member) throw notFound('Het lidmaatschap');
      await this.repository.deleteMember(workgroupId, userId, manager);
      return { result: undefined, entityId: userId, workgroupId, summary: { userId, role: member.role } };
    });
    // Open documents and live lists of this person in this werkgroep close at once.
    this.events.publish('membership.changed', { workgroupId, userId });
  }

  /** Names are unique without regard to case: the import and people find a werkgroep by its name. */
  private async assertNameFree(name: string, ownId: string | null, manager: EntityManager) {
    const taken = await this.repository.findByName(name, manager);
    if (taken && taken.id !== ownId) throw conflict(`Er bestaat al een werkgroep met de naam "${taken.name}".`);
  }

  /** Runs a change and its audit entry in one transaction. */
  private change<T>(
    actor: Actor,
    action: string,
    workgroupId: string | null,
    work: (
      manager: EntityManager,
    ) => Promise<{ result: T; entityId: string; workgroupId: string; summary: Record<string, unknown> }>,
  ): Promise<T> {
    return this.transactions.transaction(async (manager) => {
      const done = await work(manager);
      const entityType = action.startsWith('workgroup.member') ? 'workgroup_member' : 'workgroup';
      await this.audit.recordChange(
        actor,
        {
          action,
          entityType,
          entityId: done.entityId,
          workgroupId: done.workgroupId ?? workgroupId,
          summary: done.summary,
        },
        manager,
      );
      return done.result;
    });
  }
}
