import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import {
  assertVersion,
  FieldError,
  lockVersion,
  notFound,
  todayInNetherlands,
  TransactionHost,
  validationFailed,
} from '@koers/core';
import { IndicatorFields, ReportingRepository } from './reporting.repository';
import { IndicatorView, MeasurementView } from './reporting.model';

export interface MeasurementInput {
  measuredOn: string;
  value: number;
  source?: string;
}

/**
 * Indicators per focus area and their measurements. Members read them; members who manage the
 * werkgroep's actions (and the secretariat) keep them current.
 */
@Injectable()
export class IndicatorService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: ReportingRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, workgroupId: string): Promise<Array<IndicatorView & { measurements: MeasurementView[] }>> {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', workgroupId, 'indicator.list');
    if (!(await this.repository.workgroupExists(workgroupId))) throw notFound('De werkgroep');
    const indicators = await this.repository.listIndicators(workgroupId);
    const measurements = await this.repository.measurementsOf(indicators.map((i) => i.id));
    return indicators.map((i) => ({ ...i, measurements: measurements.filter((m) => m.indicatorId === i.id) }));
  }

  async get(actor: Actor, id: string) {
    const indicator = await this.readable(actor, id, 'indicator.read');
    return { ...indicator, measurements: await this.repository.measurements(id) };
  }

  async create(
    actor: Actor,
    workgroupId: string,
    input: Omit<IndicatorFields, 'description' | 'baseline' | 'target'> & Partial<IndicatorFields>,
  ) {
    await this.authorization.assertInWorkgroup(actor, 'workgroup.actions.manage', workgroupId, 'indicator.create');
    if (!(await this.repository.workgroupExists(workgroupId))) throw notFound('De werkgroep');
    const fields: IndicatorFields = {
      ...input,
      title: input.title.trim(),
      description: input.description ?? '',
      baseline: input.baseline ?? null,
      target: input.target ?? null,
    };
    await this.validate(workgroupId, fields, fields);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertIndicator(workgroupId, fields, actor.userId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'indicator.create',
          entityType: 'indicator',
          entityId: newId,
          workgroupId,
          summary: { title: fields.title, unit: fields.unit },
        },
        manager,
      );
      return newId;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, changes: Partial<IndicatorFields>, expectedVersion?: number) {
    const before = await this.readable(actor, id, 'indicator.update');
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.actions.manage',
      before.workgroupId,
      'indicator.update',
    );
    const next = {
      ...before,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    } as IndicatorFields;
    await this.validate(before.workgroupId, next, changes);
    if (next.unit === 'percentage' && changes.unit === 'percentage') {
      const outOfRange = (await this.repository.measurements(id)).some((m) => m.value > 100);
      if (outOfRange)
        throw validationFailed([
          { field: 'unit', messages: ['Er zijn metingen boven 100; dat past niet bij een percentage.'] },
        ]);
    }
    assertVersion(before, expectedVersion);
    const diff = diffFields(before as unknown as IndicatorFields, changes);
    if (Object.keys(diff).length === 0) return this.get(actor, id);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'indicators', id, expectedVersion);
      await this.repository.updateIndicator(id, changes, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'indicator.update',
          entityType: 'indicator',
          entityId: id,
          workgroupId: before.workgroupId,
          summary: { changes: diff },
        },
        manager,
      );
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    const indicator = await this.readable(actor, id, 'indicator.delete');
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.actions.manage',
      indicator.workgroupId,
      'indicator.delete',
    );
    assertVersion(indicator, expectedVersion);
    await this.transactions.transaction(async (manager) => {
      await lockVersion(manager, 'indicators', id, expectedVersion);
      await this.repository.softDeleteIndicator(id, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'indicator.delete',
          entityType: 'indicator',
          entityId: id,
          workgroupId: indicator.workgroupId,
          summary: { title: indicator.title },
        },
        manager,
      );
    });
  }

  async addMeasurement(actor: Actor, indicatorId: string, input: MeasurementInput): Promise<MeasurementView> {
    const indicator = await this.readable(actor, indicatorId, 'indicator.measure');
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.actions.manage',
      indicator.workgroupId,
      'indicator.measure',
    );
    const problems: FieldError[] = [];
    if (input.measuredOn > todayInNetherlands())
      problems.push({ field: 'measuredOn', messages: ['Een meting kan niet in de toekomst liggen.'] });
    problems.push(...this.valueProblems('value', indicator.unit, input.value));
    if (problems.length) throw validationFailed(problems);
    const id = await this.transactions.transaction(async (manager) => {
      const newId = await this.repository.insertMeasurement(
        indicatorId,
        { measuredOn: input.measuredOn, value: input.value, source: input.source?.trim() ?? '' },
        actor.userId,
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'indicator.measurement.create',
          entityType: 'indicator',
          entityId: indicatorId,
          workgroupId: indicator.workgroupId,
          summary: { measurementId: newId, measuredOn: input.measuredOn, value: input.value },
        },
        manager,
      );
      return newId;
    });
    return (await this.repository.measurements(indicatorId)).find((m) => m.id === id)!;
  }

  async removeMeasurement(actor: Actor, measurementId: string): Promise<void> {
    const measurement = await this.repository.findMeasurement(measurementId);
    if (!measurement) throw notFound('De meting');
    const indicator = await this.readable(actor, measurement.indicatorId, 'indicator.measurement.delete', 'De meting');
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.actions.manage',
      indicator.workgroupId,
      'indicator.measurement.delete',
    );
    await this.transactions.transaction(async (manager) => {
      await this.repository.softDeleteMeasurement(measurementId, manager);
      await this.audit.recordChange(
        actor,
        {
          action: 'indicator.measurement.delete',
          entityType: 'indicator',
          entityId: indicator.id,
          workgroupId: indicator.workgroupId,
          summary: { measurementId },
        },
        manager,
      );
    });
  }

  /** `asked` names what was asked for when it is reached through the indicator (a measurement). */
  private async readable(actor: Actor, id: string, attempted: string, asked = 'De indicator'): Promise<IndicatorView> {
    const indicator = await this.repository.findIndicator(id);
    if (!indicator) throw notFound(asked);
    await this.authorization.assertInWorkgroup(
      actor,
      'workgroup.content.read',
      indicator.workgroupId,
      attempted,
      asked,
    );
    return indicator;
  }

  private valueProblems(field: string, unit: string, value: number | null): FieldError[] {
    if (value === null) return [];
    if (value < 0) return [{ field, messages: ['Een waarde kan niet negatief zijn.'] }];
    if (unit === 'percentage' && value > 100) return [{ field, messages: ['Een percentage ligt tussen 0 en 100.'] }];
    return [];
  }

  private async validate(workgroupId: string, next: IndicatorFields, changed: Partial<IndicatorFields>): Promise<void> {
    const problems: FieldError[] = [];
    if (next.title.trim().length < 3)
      problems.push({ field: 'title', messages: ['Een indicator heeft een titel van minstens 3 tekens.'] });
    problems.push(
      ...this.valueProblems('baseline', next.unit, next.baseline),
      ...this.valueProblems('target', next.unit, next.target),
    );
    if (changed.focusAreaId && !(await this.repository.focusAreaBelongsTo(workgroupId, changed.focusAreaId))) {
      problems.push({
        field: 'focusAreaId',
        messages: ['Dit onderdeel hoort niet bij de prioriteit van deze werkgroep.'],
      });
    }
    if (problems.length) throw validationFailed(problems);
  }
}
