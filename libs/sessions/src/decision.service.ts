import { Injectable } from '@nestjs/common';
import { Actor } from '@koers/access';
import { ActionService } from '@koers/actions';
import { AuditService, diffFields } from '@koers/audit';
import {
  assertVersion,
  conflict,
  FieldError,
  lockVersion,
  notFound,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import { NotificationService } from '@koers/notifications';
import { SessionAccess } from './session-access';
import { SessionEvents } from './session-events';
import {
  ActionDraft,
  DecisionView,
  formatDutchDate,
  parseMoment,
  SESSION_TYPE_LABELS,
  SessionRow,
} from './session.model';
import { SessionRepository } from './session.repository';

export interface DecisionInput {
  text: string;
  agendaItemId?: string | null;
  decidedAt?: string;
  actions?: ActionDraft[];
}

export interface DecisionWithSession extends DecisionView {
  session: Pick<SessionRow, 'id' | 'workgroupId' | 'title' | 'type' | 'state' | 'startsAt'>;
}

/** The longest origin note an action keeps. */
const ORIGIN_NOTE_MAX = 500;

/**
 * The besluitenlijst of a session. A decision can create actions in the werkgroep's action list in one
 * step; `decision_actions` remembers which, so an action can be traced back to its decision.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: SessionRepository,
    private readonly access: SessionAccess,
    private readonly audit: AuditService,
    private readonly actions: ActionService,
    private readonly notifications: NotificationService,
    private readonly events: SessionEvents,
  ) {}

  async list(actor: Actor, sessionId: string): Promise<DecisionView[]> {
    await this.access.session(actor, sessionId, 'workgroup.content.read', 'decision.list');
    return this.repository.decisions(sessionId);
  }

  async get(actor: Actor, id: string): Promise<DecisionWithSession> {
    const { decision, session } = await this.load(actor, id, 'workgroup.content.read', 'decision.read');
    return withSession(decision, session);
  }

  /** The decision an action came from, with its session. */
  async ofAction(actor: Actor, actionId: string): Promise<DecisionWithSession> {
    const link = await this.repository.decisionOfAction(actionId);
    if (!link) throw notFound('Het besluit bij deze actie');
    await this.access.assert(
      actor,
      'workgroup.content.read',
      link.workgroupId,
      'decision.read',
      'Het besluit bij deze actie',
    );
    return this.get(actor, link.decisionId);
  }

  async create(actor: Actor, sessionId: string, input: DecisionInput): Promise<DecisionWithSession> {
    const session = await this.access.session(actor, sessionId, 'workgroup.actions.manage', 'decision.create');
    const drafts = input.actions ?? [];
    const problems = [
      ...(await this.checkAgendaItem(sessionId, input.agendaItemId)),
      ...(await this.checkDrafts(session.workgroupId, drafts)),
    ];
    const decidedAt = input.decidedAt ? parseMoment(input.decidedAt) : null;
    if (decidedAt && Number.isNaN(decidedAt.getTime()))
      problems.push({ field: 'decidedAt', messages: ['Dit tijdstip bestaat niet.'] });
    if (problems.length) throw validationFailed(problems);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertDecision(
        sessionId,
        { text: input.text.trim(), agendaItemId: input.agendaItemId ?? null, decidedAt },
        actor.userId,
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'decision.create',
          entityType: 'decision',
          entityId: newId,
          workgroupId: session.workgroupId,
          summary: { sessionId, text: input.text.trim().slice(0, 200), agendaItemId: input.agendaItemId ?? null },
        },
        manager,
      );
      await this.repository.recordChange(
        sessionId,
        actor.userId,
        { kind: 'decision.create', subject: input.text.trim().slice(0, 200) },
        manager,
      );
      // The decision and its actions commit together (the action list joins this transaction).
      if (drafts.length)
        await this.createActionsFor(actor, session, (await this.repository.findDecision(newId))!, drafts);
      return newId;
    });
    // A decision concerns the people invited to the session (except who recorded it; owners of its
    // actions are told separately when the actions are assigned).
    const concerned = (await this.repository.attendees(sessionId))
      .filter((a) => a.status !== 'afgemeld')
      .map((a) => a.userId);
    await this.notifications.notifyDecision(concerned, {
      id,
      title: input.text.trim().slice(0, 120),
      workgroupId: session.workgroupId,
      decidedBy: actor.userId,
    });
    await this.events.changed('session.updated', sessionId);
    return withSession((await this.repository.findDecision(id))!, session);
  }

  async update(
    actor: Actor,
    id: string,
    input: Partial<Omit<DecisionInput, 'actions'>>,
    expectedVersion?: number,
  ): Promise<DecisionWithSession> {
    const { decision, session } = await this.load(actor, id, 'workgroup.actions.manage', 'decision.update');
    const changes: { text?: string; agendaItemId?: string | null; decidedAt?: Date } = {
      text: input.text?.trim(),
      agendaItemId: input.agendaItemId,
      decidedAt: input.decidedAt === undefined ? undefined : parseMoment(input.decidedAt),
    };
    const problems = await this.checkAgendaItem(session.id, input.agendaItemId);
    if (changes.decidedAt && Number.isNaN(changes.decidedAt.getTime()))
      problems.push({ field: 'decidedAt', messages: ['Dit tijdstip bestaat niet.'] });
    if (problems.length) throw validationFailed(problems);
    assertVersion(decision, expectedVersion);
    const diff = diffFields(
      {
        text: decision.text,
        agendaItemId: decision.agendaItemId,
        decidedAt: new Date(decision.decidedAt).toISOString(),
      },
      { text: changes.text, agendaItemId: changes.agendaItemId, decidedAt: changes.decidedAt?.toISOString() },
    );
    if (Object.keys(diff).length === 0) return withSession(decision, session);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'session_decisions', id, expectedVersion);
      await this.repository.updateDecision(id, changes, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'decision.update',
          entityType: 'decision',
          entityId: id,
          workgroupId: session.workgroupId,
          summary: { sessionId: session.id, changes: diff },
        },
        manager,
      );
      await this.repository.recordChange(
        session.id,
        actor.userId,
        { kind: 'decision.update', subject: decision.text.slice(0, 200), changes: diff },
        manager,
      );
    });
    await this.events.changed('session.updated', session.id);
    return withSession((await this.repository.findDecision(id))!, session);
  }

  /** A decision whose actions still exist stays: they refer to it. */
  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    const { decision, session } = await this.load(actor, id, 'workgroup.actions.manage', 'decision.delete');
    assertVersion(decision, expectedVersion);
    if (decision.actions.length > 0)
      throw conflict('Uit dit besluit zijn acties voortgekomen; het besluit kan daarom niet worden verwijderd.');
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'session_decisions', id, expectedVersion);
      await this.repository.deleteDecision(id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'decision.delete',
          entityType: 'decision',
          entityId: id,
          workgroupId: session.workgroupId,
          summary: { sessionId: session.id, text: decision.text.slice(0, 200) },
        },
        manager,
      );
      await this.repository.recordChange(
        session.id,
        actor.userId,
        { kind: 'decision.delete', subject: decision.text.slice(0, 200) },
        manager,
      );
    });
    await this.events.changed('session.updated', session.id);
  }

  async createActions(actor: Actor, id: string, drafts: ActionDraft[]): Promise<DecisionWithSession> {
    const { decision, session } = await this.load(actor, id, 'workgroup.actions.manage', 'decision.actions.create');
    const problems = await this.checkDrafts(session.workgroupId, drafts);
    if (problems.length) throw validationFailed(problems);
    await this.createActionsFor(actor, session, decision, drafts);
    await this.events.changed('session.updated', session.id);
    return withSession((await this.repository.findDecision(id))!, session);
  }

  /**
   * Creates each action through the action list (its own rules, audit entry and live event) and links them to
   * the decision, all in one transaction: the action list joins it, so a refusal halfway leaves nothing
   * behind, and the live events go out only once everything is committed.
   */
  private async createActionsFor(
    actor: Actor,
    session: SessionRow,
    decision: DecisionView,
    drafts: ActionDraft[],
  ): Promise<void> {
    const originNote = truncate(
      `${SESSION_TYPE_LABELS[session.type]} "${session.title}" van ${formatDutchDate(new Date(session.startsAt))}, besluit: ${decision.text}`,
      ORIGIN_NOTE_MAX,
    );
    await this.transactions.transaction(async (manager) => {
      const created: string[] = [];
      for (const draft of drafts) {
        const action = await this.actions.create(actor, session.workgroupId, {
          title: draft.title.trim(),
          ownerId: draft.ownerId ?? null,
          dueDate: draft.dueDate ?? null,
          focusAreaId: draft.focusAreaId ?? null,
          origin: 'sessiebesluit',
          originNote,
        });
        created.push(action.id);
      }
      await this.repository.linkActions(decision.id, created, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'decision.actions.create',
          entityType: 'decision',
          entityId: decision.id,
          workgroupId: session.workgroupId,
          summary: { sessionId: session.id, actionIds: created },
        },
        manager,
      );
    });
  }

  private async load(
    actor: Actor,
    id: string,
    permission: 'workgroup.content.read' | 'workgroup.actions.manage',
    attempted: string,
  ) {
    const decision = await this.repository.findDecision(id);
    if (!decision) throw notFound('Het besluit');
    const session = await this.access.session(actor, decision.sessionId, permission, attempted, 'Het besluit');
    return { decision, session };
  }

  private async checkAgendaItem(sessionId: string, agendaItemId: string | null | undefined): Promise<FieldError[]> {
    if (!agendaItemId) return [];
    const item = await this.repository.findItem(agendaItemId);
    return item?.sessionId === sessionId
      ? []
      : [{ field: 'agendaItemId', messages: ['Dit agendapunt hoort niet bij deze sessie.'] }];
  }

  /** The action list's own rules for owner and focus area, checked before anything is created. */
  private async checkDrafts(workgroupId: string, drafts: ActionDraft[]): Promise<FieldError[]> {
    if (drafts.length === 0) return [];
    const owners = await this.repository.seatedMembersAmong(
      workgroupId,
      drafts.flatMap((d) => (d.ownerId ? [d.ownerId] : [])),
    );
    const focusAreas = drafts.some((d) => d.focusAreaId)
      ? await this.repository.focusAreasOfWorkgroup(workgroupId)
      : new Set<string>();
    const problems: FieldError[] = [];
    drafts.forEach((draft, index) => {
      if (draft.ownerId && !owners.has(draft.ownerId))
        problems.push({ field: `actions.${index}.ownerId`, messages: ['De eigenaar moet lid zijn van de werkgroep.'] });
      if (draft.focusAreaId && !focusAreas.has(draft.focusAreaId)) {
        problems.push({
          field: `actions.${index}.focusAreaId`,
          messages: ['Dit onderdeel hoort niet bij de prioriteit van deze werkgroep.'],
        });
      }
    });
    return problems;
  }
}

function withSession(decision: DecisionView, session: SessionRow): DecisionWithSession {
  const { id, workgroupId, title, type, state, startsAt } = session;
  return { ...decision, session: { id, workgroupId, title, type, state, startsAt } };
}

function truncate(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
