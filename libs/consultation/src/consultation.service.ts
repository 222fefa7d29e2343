import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor, isSecretariat } from '@koers/access';
import { AuditService } from '@koers/audit';
import {
  assertVersion,
  conflict,
  FieldError,
  lockVersion,
  notFound,
  todayInNetherlands,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import {
  CONSULTATION_OUTCOMES,
  ConsultationChange,
  ConsultationDetail,
  ConsultationOutcome,
  ConsultationPoint,
  ConsultationResponse,
  ConsultationSummary,
} from '@koers/contracts';
import { contactNotices, dutchDate, InsertedNotification, NotificationService } from '@koers/notifications';
import { ConsultationPolicy } from './consultation.policy';
import { ConsultationRepository, ConsultationRow, PointRow, ResponseRow } from './consultation.repository';
import type {
  ConsultationAnswerDto,
  CreateConsultationDto,
  CreatePointDto,
  UpdateConsultationDto,
  UpdatePointDto,
} from './dto/consultation.dto';
import { renderNota, NotaFormat } from './nota';

/**
 * Consultation of the councils: the secretariat offers the concept strategy to a set of gemeenten with a
 * deadline; each council's answer (date, outcome, text, raadsbesluit) is entered by the gemeente's contact or
 * by the secretariat on its behalf; the secretariat splits the answers into points and gives the bureau's
 * response to each, which together make the nota van beantwoording.
 */
@Injectable()
export class ConsultationService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: ConsultationRepository,
    private readonly policy: ConsultationPolicy,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  /** The consultations the caller may see: all for the secretariat and the RVC, else those they are a contact in. */
  async list(actor: Actor): Promise<ConsultationSummary[]> {
    const everything = isSecretariat(actor) || actor.rvcMember;
    const rows = await this.repository.list(everything ? null : actor.userId);
    return Promise.all(rows.map(async (row) => summarise(row, await this.repository.responses(row.id))));
  }

  async get(actor: Actor, id: string): Promise<ConsultationDetail> {
    await this.policy.assertMayRead(actor, id);
    return this.detail(actor, id);
  }

  async create(actor: Actor, input: CreateConsultationDto): Promise<ConsultationDetail> {
    await this.policy.assertMayCreate(actor);
    const problems: FieldError[] = [];
    const strategy = await this.repository.strategy(input.strategyId);
    if (!strategy) problems.push({ field: 'strategyId', messages: ['Deze strategie bestaat niet.'] });
    else if (strategy.status === 'vastgesteld' || strategy.status === 'afgesloten')
      problems.push({
        field: 'strategyId',
        messages: ['Een vastgestelde of afgesloten strategie gaat niet meer ter consultatie.'],
      });
    const offeredOn = input.offeredOn ?? todayInNetherlands();
    if (input.deadline < offeredOn)
      problems.push({ field: 'deadline', messages: ['De uiterste datum ligt niet vóór de dag van aanbieden.'] });
    const known = await this.repository.organisations(input.organisationIds);
    input.organisationIds.forEach((id, index) => {
      if (!known.has(id))
        problems.push({ field: `organisationIds.${index}`, messages: ['Deze organisatie bestaat niet.'] });
    });
    for (const [index, contact] of (input.contacts ?? []).entries()) {
      if (!input.organisationIds.includes(contact.organisationId))
        problems.push({
          field: `contacts.${index}.organisationId`,
          messages: ['Een contactpersoon hoort bij een gevraagde organisatie.'],
        });
      else if ((await this.repository.usersOutside(contact.organisationId, contact.userIds)).length)
        problems.push({
          field: `contacts.${index}.userIds`,
          messages: ['Een contactpersoon is een actieve gebruiker van die organisatie.'],
        });
    }
    if (problems.length) throw validationFailed(problems);
    const title = input.title?.trim() || `Wensen en bedenkingen: ${strategy!.title}`;
    const told: InsertedNotification[] = [];
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insert(
        {
          strategyId: input.strategyId,
          title,
          documentReference: input.documentReference?.trim() ?? '',
          offeredOn,
          deadline: input.deadline,
        },
        input.organisationIds,
        actor.userId,
        manager,
      );
      for (const contact of input.contacts ?? []) {
        const named = await this.repository.replaceContacts(
          newId,
          contact.organisationId,
          [...new Set(contact.userIds)],
          manager,
        );
        told.push(
          ...(await this.tellNamedContacts(
            actor,
            newId,
            contact.organisationId,
            named,
            title,
            input.deadline,
            manager,
          )),
        );
      }
      // The strategy is now out for consultation (unless it already said so).
      await this.repository.markStrategyInConsultation(input.strategyId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'consultation.create',
          entityType: 'consultation',
          entityId: newId,
          summary: {
            title,
            strategyId: input.strategyId,
            deadline: input.deadline,
            asked: input.organisationIds.length,
            contacts: (input.contacts ?? []).reduce((n, c) => n + c.userIds.length, 0),
          },
        },
        manager,
      );
      return newId;
    });
    await this.notifications.announce(told);
    return this.detail(actor, id);
  }

  /** Tells people just named a contact (inside the transaction that named them); announce after the commit. */
  private async tellNamedContacts(
    actor: Actor,
    id: string,
    organisationId: string,
    newlyNamed: string[],
    title: string,
    deadline: string,
    manager: EntityManager,
  ): Promise<InsertedNotification[]> {
    if (!newlyNamed.length) return [];
    const [organisationName] = await this.repository.organisationNames([organisationId]);
    return this.notifications.insertWithin(
      manager,
      contactNotices({
        newlyNamed,
        actorId: actor.userId,
        entityType: 'consultation',
        entityId: id,
        organisationId,
        organisationName: organisationName ?? '',
        title,
        deadline,
        link: `/cyclus/consultaties/${id}/reactie/${organisationId}`,
      }),
    );
  }

  /**
   * Changes after the offer (docs/strategy-cycle.md, "Editing a consultation after the offer"): the title and
   * the deadline may always change; the offered document only while no council has answered (the answers are
   * about that document); organisations may be added while it is open, and removed only when they have
   * neither an answer nor points. Every change is kept in the history and the audit log; a new deadline, a new
   * document or a new title is sent to the contacts of the organisations that have not answered.
   */
  async update(
    actor: Actor,
    id: string,
    input: UpdateConsultationDto,
    expectedVersion?: number,
  ): Promise<ConsultationDetail> {
    await this.policy.assertMayManage(actor, id, 'consultation.update');
    const before = (await this.repository.find(id))!;
    const problems: FieldError[] = [];
    if (input.deadline && input.deadline < before.offeredOn)
      problems.push({ field: 'deadline', messages: ['De uiterste datum ligt niet vóór de dag van aanbieden.'] });
    const added = (input.addOrganisationIds ?? []).filter((o) => !(input.removeOrganisationIds ?? []).includes(o));
    const known = await this.repository.organisations(added);
    added.forEach((orgId, index) => {
      if (!known.has(orgId))
        problems.push({ field: `addOrganisationIds.${index}`, messages: ['Deze organisatie bestaat niet.'] });
    });
    const removed: string[] = [];
    for (const [index, orgId] of (input.removeOrganisationIds ?? []).entries()) {
      if (await this.repository.isAsked(id, orgId)) removed.push(orgId);
      else problems.push({ field: `removeOrganisationIds.${index}`, messages: ['Deze organisatie is niet gevraagd.'] });
    }
    if (problems.length) throw validationFailed(problems);
    const responses = await this.repository.responses(id);
    const answered = responses.some((r) => r.outcome !== null);
    const documentReference = input.documentReference?.trim();
    const title = input.title?.trim();
    const newlyAdded = added.filter((orgId) => !responses.some((r) => r.organisationId === orgId));
    if (documentReference !== undefined && documentReference !== before.documentReference && answered)
      throw conflict(
        'Er zijn al reacties op het aangeboden document; het document verandert dan niet meer. Bied een nieuwe versie aan in een nieuwe consultatie.',
      );
    if (before.closed && input.closed !== false && newlyAdded.length)
      throw conflict('Deze consultatie is gesloten; heropen haar om organisaties toe te voegen.');
    const kept = await this.repository.withAnswerOrPoints(id, removed);
    if (kept.length)
      throw conflict(
        `${(await this.repository.organisationNames(kept)).join(', ')} heeft al gereageerd of er zijn punten vastgelegd; die organisatie blijft gevraagd.`,
      );
    assertVersion(before, expectedVersion);

    const changes: ConsultationChange['changes'] = {};
    if (title !== undefined && title !== before.title) changes.title = { from: before.title, to: title };
    if (input.deadline !== undefined && input.deadline !== before.deadline)
      changes.deadline = { from: before.deadline, to: input.deadline };
    if (documentReference !== undefined && documentReference !== before.documentReference)
      changes.documentReference = { from: before.documentReference, to: documentReference };
    if (input.closed !== undefined && input.closed !== before.closed)
      changes.closed = { from: before.closed, to: input.closed };
    if (newlyAdded.length) changes.added = await this.repository.organisationNames(newlyAdded);
    if (removed.length) changes.removed = await this.repository.organisationNames(removed);
    const note = input.note?.trim() ?? '';

    const notified = await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'consultations', id, expectedVersion);
      await this.repository.update(
        id,
        { title, documentReference, deadline: input.deadline, closed: input.closed },
        manager,
      );
      if (newlyAdded.length) await this.repository.addOrganisations(id, newlyAdded, manager);
      if (removed.length) await this.repository.removeOrganisations(id, removed, manager);
      if (!Object.keys(changes).length) return [];
      const changeId = await this.repository.insertChange(
        id,
        { userId: actor.userId, changes, note, notified: 0 },
        manager,
      );
      const told = changes.deadline || changes.documentReference || changes.title;
      const recipients = told ? await this.repository.contactsWithoutAnswer(id, manager) : [];
      const inserted = await this.notifications.insertWithin(
        manager,
        recipients.map((userId) => ({
          userId,
          kind: 'gevolgd' as const,
          title: changes.deadline
            ? `"${title ?? before.title}" gewijzigd: reageren tot en met ${dutchDate(changes.deadline.to)}`
            : `"${title ?? before.title}" is gewijzigd`,
          detail: describeChanges(changes, note),
          entityType: 'consultation',
          entityId: id,
          link: `/cyclus/consultaties/${id}`,
          dedupeKey: `consultation-change:${changeId}:${userId}`,
        })),
      );
      if (inserted.length) await this.repository.setNotified(changeId, inserted.length, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'consultation.update',
          entityType: 'consultation',
          entityId: id,
          summary: { changes, note, notified: inserted.length },
        },
        manager,
      );
      return inserted;
    });
    await this.notifications.announce(notified);
    return this.detail(actor, id);
  }

  /** Names an asked organisation's contact people (active users of that organisation), replacing the earlier ones. */
  async setContacts(actor: Actor, id: string, organisationId: string, userIds: string[]): Promise<ConsultationDetail> {
    await this.policy.assertMayManage(actor, id, 'consultation.contacts');
    if (!(await this.repository.isAsked(id, organisationId))) throw notFound('Deze organisatie in de consultatie');
    const unique = [...new Set(userIds)];
    if ((await this.repository.usersOutside(organisationId, unique)).length)
      throw validationFailed([
        { field: 'userIds', messages: ['Een contactpersoon is een actieve gebruiker van die organisatie.'] },
      ]);
    const consultation = (await this.repository.find(id))!;
    const told = await this.transactions.transaction(async (manager) => {
      const named = await this.repository.replaceContacts(id, organisationId, unique, manager);
      // A closed consultation takes no answers: nobody is asked to give one.
      const notices = consultation.closed
        ? []
        : await this.tellNamedContacts(
            actor,
            id,
            organisationId,
            named,
            consultation.title,
            consultation.deadline,
            manager,
          );
      await this.audit.recordChange(
        actor,
        {
          action: 'consultation.contacts',
          entityType: 'consultation',
          entityId: id,
          summary: { organisationId, userIds: unique, notified: notices.length },
        },
        manager,
      );
      return notices;
    });
    await this.notifications.announce(told);
    return this.detail(actor, id);
  }

  /** A council's answer, by its contact (for its own organisation) or by the secretariat on its behalf. */
  async answer(
    actor: Actor,
    id: string,
    organisationId: string,
    input: ConsultationAnswerDto,
  ): Promise<ConsultationDetail> {
    await this.policy.assertMayAnswer(actor, id, organisationId);
    const consultation = (await this.repository.find(id))!;
    if (consultation.closed) throw conflict('Deze consultatie is gesloten; heropen haar om een reactie te wijzigen.');
    if (input.decidedOn > todayInNetherlands())
      throw validationFailed([{ field: 'decidedOn', messages: ['De raad kan niet in de toekomst hebben besloten.'] }]);
    const before = await this.repository.response(id, organisationId);
    // Entered by someone other than one of the organisation's own contacts: the secretariat, on its behalf.
    const onBehalf = !(await this.repository.contactOrganisations(id, actor.userId)).includes(organisationId);
    await this.transactions.transaction(async (manager) => {
      await this.repository.saveResponse(
        id,
        organisationId,
        {
          decidedOn: input.decidedOn,
          outcome: input.outcome,
          text: input.text?.trim() ?? '',
          decisionReference: input.decisionReference?.trim() ?? '',
          onBehalf,
          userId: actor.userId,
        },
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: before?.outcome ? 'consultation.answer.update' : 'consultation.answer',
          entityType: 'consultation',
          entityId: id,
          summary: {
            organisationId,
            outcome: input.outcome,
            decidedOn: input.decidedOn,
            onBehalf,
            previousOutcome: before?.outcome ?? null,
          },
        },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  async addPoint(actor: Actor, id: string, input: CreatePointDto): Promise<ConsultationPoint> {
    await this.policy.assertMayManage(actor, id, 'consultation.point.create');
    if (!(await this.repository.isAsked(id, input.organisationId)))
      throw validationFailed([{ field: 'organisationId', messages: ['Deze gemeente is niet geconsulteerd.'] }]);
    const pointId = await this.transactions.transaction(async (manager) => {
      const created = await this.repository.insertPoint(
        id,
        input.organisationId,
        input.kind,
        input.text.trim(),
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'consultation.point.create',
          entityType: 'consultation_point',
          entityId: created,
          summary: { consultationId: id, organisationId: input.organisationId, kind: input.kind },
        },
        manager,
      );
      return created;
    });
    return toPoint((await this.repository.point(pointId))!);
  }

  /** Edits a point or gives the bureau's response to it (verwerkt, or niet verwerkt with the reason). */
  async updatePoint(
    actor: Actor,
    pointId: string,
    input: UpdatePointDto,
    expectedVersion?: number,
  ): Promise<ConsultationPoint> {
    await this.policy.assertMayManagePoint(actor, pointId, 'consultation.point.update');
    const before = (await this.repository.point(pointId))!;
    const next = {
      kind: input.kind ?? before.kind,
      text: input.text?.trim() ?? before.text,
      response: input.response === undefined ? before.response : input.response,
      reason: input.reason === undefined ? before.reason : input.reason.trim(),
    };
    if (next.response === 'niet_verwerkt' && !next.reason)
      throw validationFailed([{ field: 'reason', messages: ['Geef de reden waarom dit punt niet is verwerkt.'] }]);
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'consultation_points', pointId, expectedVersion);
      await this.repository.updatePoint(pointId, next, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'consultation.point.update',
          entityType: 'consultation_point',
          entityId: pointId,
          summary: { consultationId: before.consultationId, response: next.response, changed: Object.keys(input) },
        },
        manager,
      );
    });
    return toPoint((await this.repository.point(pointId))!);
  }

  async removePoint(actor: Actor, pointId: string, expectedVersion?: number): Promise<void> {
    await this.policy.assertMayManagePoint(actor, pointId, 'consultation.point.delete');
    const before = (await this.repository.point(pointId))!;
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'consultation_points', pointId, expectedVersion);
      await this.repository.deletePoint(pointId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'consultation.point.delete',
          entityType: 'consultation_point',
          entityId: pointId,
          summary: { consultationId: before.consultationId, text: before.text.slice(0, 200) },
        },
        manager,
      );
    });
  }

  /** The nota van beantwoording: every point raised with the bureau's response, per gemeente. */
  async nota(actor: Actor, id: string, format: NotaFormat): Promise<{ body: string; filename: string; type: string }> {
    await this.policy.assertMayRead(actor, id, 'consultation.nota');
    const detail = await this.detail(actor, id);
    return renderNota(detail, format);
  }

  async detail(actor: Actor, id: string): Promise<ConsultationDetail> {
    const row = await this.repository.find(id);
    if (!row) throw notFound('De consultatie');
    const [responses, points, contacts, changes, mine] = await Promise.all([
      this.repository.responses(id),
      this.repository.points(id),
      this.repository.contacts(id),
      this.repository.changes(id),
      this.repository.contactOrganisations(id, actor.userId),
    ]);
    const summary = summarise(row, responses);
    const today = todayInNetherlands();
    const wire: ConsultationResponse[] = responses.map((r) => ({
      id: r.id,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      districtName: r.districtName,
      answered: r.outcome !== null,
      decidedOn: r.decidedOn,
      outcome: r.outcome,
      text: r.text,
      decisionReference: r.decisionReference,
      onBehalf: r.onBehalf,
      enteredByName: r.enteredByName,
      answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null,
      overdue: r.outcome === null && row.deadline < today,
      points: points.filter((p) => p.organisationId === r.organisationId).map(toPoint),
      contacts: contacts
        .filter((c) => c.organisationId === r.organisationId)
        .map((c) => ({ userId: c.userId, displayName: c.displayName })),
    }));
    return {
      ...summary,
      responses: wire,
      canManage: this.policy.canManage(actor),
      answerableOrganisationIds: isSecretariat(actor)
        ? responses.map((r) => r.organisationId)
        : responses.filter((r) => mine.includes(r.organisationId)).map((r) => r.organisationId),
      pointsTotal: points.length,
      pointsAnswered: points.filter((p) => p.response !== null).length,
      changes: changes.map((c) => ({
        id: c.id,
        changedAt: new Date(c.changedAt).toISOString(),
        changedByName: c.changedByName,
        changes: c.changes as ConsultationChange['changes'],
        note: c.note,
        notified: c.notified,
      })),
    };
  }
}

function summarise(row: ConsultationRow, responses: ResponseRow[]): ConsultationSummary {
  const today = todayInNetherlands();
  const outcomes = Object.fromEntries(CONSULTATION_OUTCOMES.map((o) => [o, 0])) as Record<ConsultationOutcome, number>;
  for (const r of responses) if (r.outcome) outcomes[r.outcome]++;
  const answered = responses.filter((r) => r.outcome !== null).length;
  return {
    ...row,
    asked: responses.length,
    answered,
    overdue: row.deadline < today ? responses.length - answered : 0,
    outcomes,
  };
}

/** The change in words, for the notification (Dutch). */
export function describeChanges(changes: ConsultationChange['changes'], note = ''): string {
  const parts: string[] = [];
  if (changes.deadline)
    parts.push(`Reageren tot en met ${dutchDate(changes.deadline.to)} (was ${dutchDate(changes.deadline.from)}).`);
  if (changes.documentReference)
    parts.push(
      `Aangeboden document: ${changes.documentReference.to || '(geen)'} (was ${changes.documentReference.from || '(geen)'}).`,
    );
  if (changes.title) parts.push(`Titel: ${changes.title.to} (was ${changes.title.from}).`);
  if (changes.added?.length) parts.push(`Ook gevraagd: ${changes.added.join(', ')}.`);
  if (changes.removed?.length) parts.push(`Niet meer gevraagd: ${changes.removed.join(', ')}.`);
  if (changes.closed) parts.push(changes.closed.to ? 'De consultatie is gesloten.' : 'De consultatie is heropend.');
  if (note) parts.push(`Toelichting: ${note}`);
  return parts.join(' ');
}

function toPoint(row: PointRow): ConsultationPoint {
  const { consultationId: _, ...point } = row;
  return point;
}
