import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
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
import { sealView } from './cycle-closing.service';
import { CycleSealRepository } from './cycle-seal.repository';
import { CycleFields, ReportingRepository } from './reporting.repository';
import { ReportingCycleView } from './reporting.model';

export interface CreateCycleInput {
  strategyId: string;
  title: string;
  meetingDate: string;
  reportDeadline: string;
  periodStart?: string;
  periodEnd?: string;
}

function minusMonths(date: string, months: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

/** Reporting cycles: each ends in an RVC meeting; the werkgroepen report before its deadline. */
@Injectable()
export class ReportingCycleService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: ReportingRepository,
    private readonly seals: CycleSealRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, strategyId?: string): Promise<ReportingCycleView[]> {
    await this.authorization.assertInRegion(actor, 'region.read', 'reporting_cycle.list');
    return this.repository.listCycles(strategyId);
  }

  /** The cycle, with its seal (hashes, and whether the stored bundle still matches them) once closed. */
  async get(actor: Actor, id: string) {
    await this.authorization.assertInRegion(actor, 'region.read', 'reporting_cycle.read');
    const cycle = await this.repository.findCycle(id);
    if (!cycle) throw notFound('De rapportagecyclus');
    const seal = cycle.closedAt ? await this.seals.find(id) : null;
    return { ...cycle, seal: seal ? sealView(seal) : null };
  }

  async create(actor: Actor, input: CreateCycleInput): Promise<ReportingCycleView> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'reporting_cycle.create');
    if (!(await this.repository.strategyExists(input.strategyId)))
      throw validationFailed([{ field: 'strategyId', messages: ['Deze strategie bestaat niet.'] }]);
    // The period a report covers defaults to the half year up to the deadline (the RVC meets twice a year).
    const periodEnd = input.periodEnd ?? input.reportDeadline;
    const fields: CycleFields = {
      title: input.title.trim(),
      meetingDate: input.meetingDate,
      reportDeadline: input.reportDeadline,
      periodEnd,
      periodStart: input.periodStart ?? minusMonths(periodEnd, 6),
    };
    this.validate(fields);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertCycle(input.strategyId, fields, actor.userId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'reporting_cycle.create',
          entityType: 'reporting_cycle',
          entityId: newId,
          summary: { strategyId: input.strategyId, ...fields },
        },
        manager,
      );
      return newId;
    });
    return (await this.repository.findCycle(id))!;
  }

  async update(
    actor: Actor,
    id: string,
    changes: Partial<CycleFields>,
    expectedVersion?: number,
  ): Promise<ReportingCycleView> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'reporting_cycle.update');
    const before = await this.repository.findCycle(id);
    if (!before) throw notFound('De rapportagecyclus');
    if (before.closedAt) throw conflict('Deze rapportagecyclus is gesloten; er verandert niets meer aan.');
    if (changes.title !== undefined) changes.title = changes.title.trim();
    const next: CycleFields = {
      ...before,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    };
    this.validate(next);
    assertVersion(before, expectedVersion);
    const diff = diffFields(before as unknown as CycleFields, changes);
    if (Object.keys(diff).length === 0) return before;
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'reporting_cycles', id, expectedVersion);
      await this.repository.updateCycle(id, changes, manager);
      await this.audit.recordChange(
        actor,
        { action: 'reporting_cycle.update', entityType: 'reporting_cycle', entityId: id, summary: { changes: diff } },
        manager,
      );
    });
    return (await this.repository.findCycle(id))!;
  }

  private validate(f: CycleFields): void {
    const problems: FieldError[] = [];
    if (f.title.length < 3)
      problems.push({ field: 'title', messages: ['Een cyclus heeft een titel van minstens 3 tekens.'] });
    if (f.reportDeadline >= f.meetingDate)
      problems.push({
        field: 'reportDeadline',
        messages: ['De deadline voor de werkgroepen ligt vóór de vergaderdatum.'],
      });
    if (f.periodStart >= f.periodEnd)
      problems.push({ field: 'periodStart', messages: ['De verslagperiode begint vóór het einde.'] });
    if (f.periodEnd > f.meetingDate)
      problems.push({ field: 'periodEnd', messages: ['De verslagperiode eindigt uiterlijk op de vergaderdatum.'] });
    if (problems.length) throw validationFailed(problems);
  }
}
