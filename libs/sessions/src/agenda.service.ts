import { Injectable } from '@nestjs/common';
import { Actor } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import { assertVersion, FieldError, lockVersion, notFound, TransactionHost, validationFailed } from '@koers/core';
import { SessionAccess } from './session-access';
import { SessionEvents } from './session-events';
import { AgendaItemFields, AgendaItemView, SessionRow } from './session.model';
import { SessionRepository } from './session.repository';

export type AgendaItemInput = Partial<AgendaItemFields> & { title: string };

/**
 * The ordered agenda and its backlog of proposals. Those who manage the werkgroep's sessions shape the
 * agenda; every contributor may propose an item for the backlog and change or withdraw their own proposal
 * while it is still in the backlog.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: SessionRepository,
    private readonly access: SessionAccess,
    private readonly audit: AuditService,
    private readonly events: SessionEvents,
  ) {}

  async add(actor: Actor, sessionId: string, input: AgendaItemInput): Promise<AgendaItemView> {
    const session = await this.access.session(actor, sessionId, 'workgroup.content.write', 'session.agenda.create');
    const manages = await this.access.can(actor, 'workgroup.actions.manage', session.workgroupId);
    const placement = input.placement ?? (manages ? 'agenda' : 'backlog');
    if (placement === 'agenda' && !manages)
      await this.access.assert(actor, 'workgroup.actions.manage', session.workgroupId, 'session.agenda.create');
    const fields: AgendaItemFields = {
      placement,
      title: input.title.trim(),
      description: input.description ?? '',
      presenterId: input.presenterId ?? null,
      presenterName: input.presenterId ? null : input.presenterName?.trim() || null,
      minutesAllotted: input.minutesAllotted ?? null,
      outcome: input.outcome ?? null,
    };
    await this.validate(session, fields, input);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertItem(sessionId, fields, actor.userId, manager);
      await this.repository.touchSession(sessionId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.agenda.create',
          entityType: 'session',
          entityId: sessionId,
          workgroupId: session.workgroupId,
          summary: { itemId: newId, title: fields.title, placement },
        },
        manager,
      );
      await this.repository.recordChange(
        sessionId,
        actor.userId,
        { kind: 'agenda.create', subject: fields.title, changes: { placement: { from: null, to: placement } } },
        manager,
      );
      return newId;
    });
    await this.events.changed('session.updated', sessionId);
    return (await this.repository.findItem(id))!;
  }

  async update(
    actor: Actor,
    itemId: string,
    input: Partial<AgendaItemFields>,
    expectedVersion?: number,
  ): Promise<AgendaItemView> {
    const { item, session } = await this.changeable(actor, itemId, input, 'session.agenda.update');
    const changes: Partial<AgendaItemFields> = { ...input };
    if (changes.title !== undefined) changes.title = changes.title.trim();
    // One presenter: a member, or a name for someone from outside.
    if (changes.presenterId) changes.presenterName = null;
    else if (changes.presenterName) changes.presenterId = null;
    const before: AgendaItemFields = {
      placement: item.placement,
      title: item.title,
      description: item.description,
      presenterId: item.presenterId,
      presenterName: item.presenterId ? null : item.presenterName,
      minutesAllotted: item.minutesAllotted,
      outcome: item.outcome,
    };
    await this.validate(session, { ...before, ...changes }, input);
    assertVersion(item, expectedVersion);
    const diff = diffFields(before, changes);
    if (Object.keys(diff).length === 0) return item;
    // Read before the transaction: on the embedded database a query outside a held transaction would wait.
    const history = await this.readable(diff);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'session_agenda_items', itemId, expectedVersion);
      await this.repository.updateItem(itemId, changes, manager);
      await this.repository.touchSession(session.id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.agenda.update',
          entityType: 'session',
          entityId: session.id,
          workgroupId: session.workgroupId,
          summary: { itemId, changes: diff },
        },
        manager,
      );
      await this.repository.recordChange(
        session.id,
        actor.userId,
        { kind: 'agenda.update', subject: item.title, changes: history },
        manager,
      );
    });
    await this.events.changed('session.updated', session.id);
    return (await this.repository.findItem(itemId))!;
  }

  async remove(actor: Actor, itemId: string, expectedVersion?: number): Promise<void> {
    const { item, session } = await this.changeable(actor, itemId, {}, 'session.agenda.delete');
    assertVersion(item, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'session_agenda_items', itemId, expectedVersion);
      await this.repository.deleteItem(itemId, manager);
      await this.repository.touchSession(session.id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.agenda.delete',
          entityType: 'session',
          entityId: session.id,
          workgroupId: session.workgroupId,
          summary: { itemId, title: item.title, placement: item.placement },
        },
        manager,
      );
      await this.repository.recordChange(
        session.id,
        actor.userId,
        { kind: 'agenda.delete', subject: item.title },
        manager,
      );
    });
    await this.events.changed('session.updated', session.id);
  }

  /** Puts the agenda in the given order; the list must hold every agenda item exactly once. */
  async reorder(actor: Actor, sessionId: string, itemIds: string[]): Promise<AgendaItemView[]> {
    const session = await this.access.session(actor, sessionId, 'workgroup.actions.manage', 'session.agenda.reorder');
    const agenda = (await this.repository.items(sessionId)).filter((i) => i.placement === 'agenda');
    const current = agenda.map((i) => i.id);
    const sameSet =
      itemIds.length === current.length &&
      new Set(itemIds).size === itemIds.length &&
      itemIds.every((id) => current.includes(id));
    if (!sameSet)
      throw validationFailed([
        { field: 'itemIds', messages: ['Geef elk agendapunt van deze sessie precies één keer.'] },
      ]);
    await this.transactions.transaction(async (manager) => {
      await this.repository.reorder(sessionId, 'agenda', itemIds, manager);
      await this.repository.touchSession(sessionId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'session.agenda.reorder',
          entityType: 'session',
          entityId: sessionId,
          workgroupId: session.workgroupId,
          summary: { from: current, to: itemIds },
        },
        manager,
      );
      const titles = new Map(agenda.map((i) => [i.id, i.title]));
      await this.repository.recordChange(
        sessionId,
        actor.userId,
        {
          kind: 'agenda.reorder',
          changes: { order: { from: current.map((id) => titles.get(id)), to: itemIds.map((id) => titles.get(id)) } },
        },
        manager,
      );
    });
    await this.events.changed('session.updated', sessionId);
    return (await this.repository.items(sessionId)).filter((i) => i.placement === 'agenda');
  }

  /** The history names presenters, not their ids. */
  private async readable(
    diff: Record<string, { from: unknown; to: unknown }>,
  ): Promise<Record<string, { from: unknown; to: unknown }>> {
    const presenter = diff.presenterId;
    if (!presenter) return diff;
    const ids = [presenter.from, presenter.to].filter((v): v is string => typeof v === 'string');
    const names = await this.repository.displayNames(ids);
    const name = (v: unknown) => (typeof v === 'string' ? (names.get(v) ?? null) : null);
    return { ...diff, presenterId: { from: name(presenter.from), to: name(presenter.to) } };
  }

  /**
   * The item and its session if the caller may change it: anyone who manages sessions; a contributor only
   * their own proposal while it stays in the backlog.
   */
  private async changeable(actor: Actor, itemId: string, input: Partial<AgendaItemFields>, attempted: string) {
    const item = await this.repository.findItem(itemId);
    if (!item) throw notFound('Het agendapunt');
    const session = await this.access.session(
      actor,
      item.sessionId,
      'workgroup.content.read',
      attempted,
      'Het agendapunt',
    );
    if (!(await this.access.can(actor, 'workgroup.actions.manage', session.workgroupId))) {
      const ownProposal =
        item.placement === 'backlog' &&
        item.proposedBy === actor.userId &&
        (input.placement ?? 'backlog') === 'backlog';
      await this.access.assert(
        actor,
        ownProposal ? 'workgroup.content.write' : 'workgroup.actions.manage',
        session.workgroupId,
        attempted,
      );
    }
    return { item, session };
  }

  private async validate(session: SessionRow, next: AgendaItemFields, input: Partial<AgendaItemFields>): Promise<void> {
    const problems: FieldError[] = [];
    if (input.presenterId && input.presenterName) {
      problems.push({
        field: 'presenterName',
        messages: ['Kies een presentator uit de werkgroep of vul een naam in, niet beide.'],
      });
    }
    if (
      input.presenterId &&
      !(await this.repository.membersAmong(session.workgroupId, [input.presenterId])).has(input.presenterId)
    ) {
      problems.push({
        field: 'presenterId',
        messages: ['De presentator moet lid zijn van de werkgroep; vul anders een naam in.'],
      });
    }
    if (next.outcome && next.placement === 'backlog') {
      problems.push({ field: 'outcome', messages: ['Alleen een punt op de agenda heeft een uitkomst.'] });
    }
    if (problems.length) throw validationFailed(problems);
  }
}
