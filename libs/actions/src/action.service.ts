import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import type { ActionListView, ActionPermissions } from '@koers/contracts';
import {
  addDays,
  assertVersion,
  EventBus,
  FieldError,
  lockVersion,
  notFound,
  todayInNetherlands,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import { ActionFields, ActionFilter, ActionView, OPEN_STATUSES, STATUSES_WITH_REASON } from './action.model';
import { ActionRepository } from './action.repository';

export interface ActionListQuery extends Partial<Omit<ActionFilter, 'overdueOn' | 'dueBetween'>> {
  view?: ActionListView;
  /** For view=binnenkort: how many days ahead counts as soon. */
  dueWithinDays?: number;
}

/** The werkgroep's action list: who may see, create and change which action, and what changed. */
@Injectable()
export class ActionService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: ActionRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  async list(actor: Actor, workgroupId: string, query: ActionListQuery) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', workgroupId, 'action.list');
    if (!(await this.repository.workgroupExists(workgroupId))) throw notFound('De werkgroep');
    return this.page([workgroupId], actor, query);
  }

  /** The caller's own open actions across every werkgroep they are a member of. */
  async mine(actor: Actor, query: ActionListQuery) {
    const workgroupIds = await this.repository.workgroupIdsOfMember(actor.userId);
    return this.page(workgroupIds, actor, { statuses: [...OPEN_STATUSES], ...query, view: 'mijn' });
  }

  async get(actor: Actor, id: string) {
    const action = await this.readable(actor, id, 'action.read');
    const [history, comments, grants] = await Promise.all([
      this.repository.history(id),
      this.repository.comments(id),
      this.authorization.grantsInWorkgroup(actor, action.workgroupId),
    ]);
    // The rules of update(), remove() and comment() below, told to the client.
    const manages = grants.has('workgroup.actions.manage');
    const contributes = grants.has('workgroup.content.write');
    const permissions: ActionPermissions = {
      edit: manages || (contributes && action.ownerId === actor.userId),
      reassign: manages,
      delete: manages,
      comment: contributes,
    };
    return { ...action, history, comments, permissions };
  }

  async create(
    actor: Actor,
    workgroupId: string,
    input: Partial<ActionFields> & { title: string },
  ): Promise<ActionView> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.actions.manage', workgroupId, 'action.create');
    if (!(await this.repository.workgroupExists(workgroupId))) throw notFound('De werkgroep');
    const fields: ActionFields = {
      title: input.title,
      description: input.description ?? '',
      focusAreaId: input.focusAreaId ?? null,
      ownerId: input.ownerId ?? null,
      ownerOrganisationId: input.ownerOrganisationId ?? null,
      dueDate: input.dueDate ?? null,
      status: input.status ?? 'open',
      statusReason: input.statusReason ?? null,
      priority: input.priority ?? 'normaal',
      origin: input.origin ?? 'vrij',
      originNote: input.originNote ?? '',
    };
    await this.validate(workgroupId, fields, fields);
    if (fields.ownerId && !fields.ownerOrganisationId) {
      fields.ownerOrganisationId =
        (await this.repository.isSeatedMember(workgroupId, fields.ownerId))?.organisationId ?? null;
    }
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insert(workgroupId, fields, actor.userId, manager);
      await this.repository.insertChange(newId, actor.userId, { created: { from: null, to: fields.title } }, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'action.create',
          entityType: 'action',
          entityId: newId,
          workgroupId,
          summary: { title: fields.title, ownerId: fields.ownerId, dueDate: fields.dueDate },
        },
        manager,
      );
      return newId;
    });
    const created = this.view((await this.repository.findView(id))!);
    this.events.publish('action.created', { workgroupId, action: created, actorId: actor.userId });
    return created;
  }

  async update(actor: Actor, id: string, input: Partial<ActionFields>, expectedVersion?: number): Promise<ActionView> {
    const before = await this.readable(actor, id, 'action.update');
    // Members who manage actions may change any; a contributor (e.g. a guest) only the actions they own,
    // and may not hand them to someone else.
    if (!(await this.authorization.canInWorkgroup(actor, 'workgroup.actions.manage', before.workgroupId))) {
      const ownsIt = before.ownerId === actor.userId;
      const reassigning = input.ownerId !== undefined && input.ownerId !== before.ownerId;
      await this.authorization.assertInWorkgroup(
        actor,
        ownsIt && !reassigning ? 'workgroup.content.write' : 'workgroup.actions.manage',
        before.workgroupId,
        'action.update',
      );
    }
    const changes: Partial<ActionFields> = { ...input };
    if (changes.status && !STATUSES_WITH_REASON.includes(changes.status) && changes.statusReason === undefined)
      changes.statusReason = null;
    if (changes.ownerId && changes.ownerOrganisationId === undefined) {
      const seat = await this.repository.isSeatedMember(before.workgroupId, changes.ownerId);
      if (seat) changes.ownerOrganisationId = seat.organisationId;
    }
    const next = { ...before, ...changes } as ActionFields;
    await this.validate(before.workgroupId, next, changes);
    assertVersion(before, expectedVersion);
    const diff = diffFields(before as unknown as ActionFields, changes);
    if (Object.keys(diff).length === 0) return before;
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'actions', id, expectedVersion);
      await this.repository.update(id, changes, manager);
      await this.repository.insertChange(id, actor.userId, diff, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'action.update',
          entityType: 'action',
          entityId: id,
          workgroupId: before.workgroupId,
          summary: { changes: diff },
        },
        manager,
      );
    });
    const updated = this.view((await this.repository.findView(id))!);
    this.events.publish('action.updated', {
      workgroupId: updated.workgroupId,
      action: updated,
      actorId: actor.userId,
      previousOwnerId: before.ownerId,
    });
    return updated;
  }

  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<{ id: string; workgroupId: string }> {
    const action = await this.readable(actor, id, 'action.delete');
    await this.authorization.assertInWorkgroup(actor, 'workgroup.actions.manage', action.workgroupId, 'action.delete');
    assertVersion(action, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'actions', id, expectedVersion);
      await this.repository.softDelete(id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'action.delete',
          entityType: 'action',
          entityId: id,
          workgroupId: action.workgroupId,
          summary: { title: action.title },
        },
        manager,
      );
    });
    this.events.publish('action.deleted', {
      workgroupId: action.workgroupId,
      action: { id, workgroupId: action.workgroupId },
    });
    return { id, workgroupId: action.workgroupId };
  }

  async comment(actor: Actor, id: string, body: string) {
    const action = await this.readable(actor, id, 'action.comment');
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.write', action.workgroupId, 'action.comment');
    await this.transactions.transaction(async (manager) => {
      const commentId = await this.repository.insertComment(id, actor.userId, body, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'action.comment',
          entityType: 'action',
          entityId: id,
          workgroupId: action.workgroupId,
          summary: { commentId, length: body.length },
        },
        manager,
      );
      this.events.publish('action.commented', {
        actionId: id,
        actionTitle: action.title,
        workgroupId: action.workgroupId,
        actorId: actor.userId,
        actorName: actor.displayName,
      });
    });
    return this.repository.comments(id);
  }

  /** The action if the caller may read its werkgroep; "not found" otherwise (no probing of ids). */
  private async readable(actor: Actor, id: string, attempted: string): Promise<ActionView> {
    const row = await this.repository.findView(id);
    if (!row) throw notFound('De actie');
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', row.workgroupId, attempted, 'De actie');
    return this.view(row);
  }

  private async page(workgroupIds: string[], actor: Actor, query: ActionListQuery) {
    const today = todayInNetherlands();
    const filter: ActionFilter = {
      statuses: query.statuses,
      focusAreaId: query.focusAreaId,
      ownerId: query.view === 'mijn' ? actor.userId : query.ownerId,
      organisationId: query.organisationId,
      overdueOn: query.view === 'verlopen' ? today : undefined,
      dueBetween:
        query.view === 'binnenkort' ? { from: today, to: addDays(today, query.dueWithinDays ?? 14) } : undefined,
      sort: query.sort ?? 'due_date',
      order: query.order ?? 'asc',
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    };
    const { items, total } = workgroupIds.length
      ? await this.repository.list({ workgroupIds }, filter)
      : { items: [], total: 0 };
    return { items: items.map((row) => this.view(row, today)), total, limit: filter.limit, offset: filter.offset };
  }

  private view(row: Omit<ActionView, 'overdue'>, today = todayInNetherlands()): ActionView {
    return { ...row, overdue: Boolean(row.dueDate && row.dueDate < today && OPEN_STATUSES.includes(row.status)) };
  }

  private async validate(workgroupId: string, next: ActionFields, changed: Partial<ActionFields>): Promise<void> {
    const problems: FieldError[] = [];
    if (STATUSES_WITH_REASON.includes(next.status) && !next.statusReason?.trim()) {
      problems.push({ field: 'statusReason', messages: ['Geef een reden bij een geblokkeerde of vervallen actie.'] });
    }
    if (changed.ownerId && !(await this.repository.isSeatedMember(workgroupId, changed.ownerId))) {
      problems.push({ field: 'ownerId', messages: ['De eigenaar moet lid zijn van de werkgroep.'] });
    }
    if (changed.focusAreaId && !(await this.repository.focusAreaBelongsTo(workgroupId, changed.focusAreaId))) {
      problems.push({
        field: 'focusAreaId',
        messages: ['Dit onderdeel hoort niet bij de prioriteit van deze werkgroep.'],
      });
    }
    if (changed.ownerOrganisationId && !(await this.repository.organisationExists(changed.ownerOrganisationId))) {
      problems.push({ field: 'ownerOrganisationId', messages: ['Deze organisatie bestaat niet.'] });
    }
    if (problems.length) throw validationFailed(problems);
  }
}
