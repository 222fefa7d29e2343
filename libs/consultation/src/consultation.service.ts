import { Injectable } from '@nestjs/common';
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
  ConsultationDetail,
  ConsultationOutcome,
  ConsultationPoint,
  ConsultationResponse,
  ConsultationSummary,
} from '@koers/contracts';
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
  ) {}

  /** The consultations the caller may see: all for the secretariat and the RVC, else those that asked its organisation. */
  async list(actor: Actor): Promise<ConsultationSummary[]> {
    const everything = isSecretariat(actor) || actor.rvcMember;
    const rows = await this.repository.list(everything ? null : actor.organisationId);
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
    if (problems.length) throw validationFailed(problems);
    const title = input.title?.trim() || `Wensen en bedenkingen: ${strategy!.title}`;
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
          },
        },
        manager,
      );
      return newId;
    });
    return this.detail(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    input: UpdateConsultationDto,
    expectedVersion?: number,
  ): Promise<ConsultationDetail> {
    await this.policy.assertMayManage(actor, id, 'consultation.update');
    const before = (await this.repository.find(id))!;
    if (input.deadline && input.deadline < before.offeredOn)
      throw validationFailed([
        { field: 'deadline', messages: ['De uiterste datum ligt niet vóór de dag van aanbieden.'] },
      ]);
    assertVersion(before, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'consultations', id, expectedVersion);
      await this.repository.update(id, { ...input, title: input.title?.trim() }, manager);
      await this.audit.recordChange(
        actor,
        { action: 'consultation.update', entityType: 'consultation', entityId: id, summary: { changes: input } },
        manager,
      );
    });
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
    const onBehalf = actor.organisationId !== organisationId;
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
    const [responses, points] = await Promise.all([this.repository.responses(id), this.repository.points(id)]);
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
    }));
    return {
      ...summary,
      responses: wire,
      canManage: this.policy.canManage(actor),
      answerableOrganisationIds: isSecretariat(actor)
        ? responses.map((r) => r.organisationId)
        : responses.filter((r) => r.organisationId === actor.organisationId).map((r) => r.organisationId),
      pointsTotal: points.length,
      pointsAnswered: points.filter((p) => p.response !== null).length,
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

function toPoint(row: PointRow): ConsultationPoint {
  const { consultationId: _, ...point } = row;
  return point;
}
