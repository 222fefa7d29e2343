import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IndicatorView, MeasurementView, ReportingCycleView } from './reporting.model';
import { TransactionHost } from '@koers/core';

const CYCLE = `SELECT c.id, c.strategy_id AS "strategyId", c.title, c.meeting_date AS "meetingDate", c.report_deadline AS "reportDeadline",
                      c.period_start AS "periodStart", c.period_end AS "periodEnd", c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.version,
                      c.closed_at AS "closedAt"
                 FROM reporting_cycles c`;

const INDICATOR = `SELECT i.id, i.workgroup_id AS "workgroupId", i.focus_area_id AS "focusAreaId", f.title AS "focusAreaTitle", i.title, i.description,
                          i.unit, i.baseline, i.target, i.direction, i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.version
                     FROM indicators i JOIN focus_areas f ON f.id = i.focus_area_id`;

export interface CycleFields {
  title: string;
  meetingDate: string;
  reportDeadline: string;
  periodStart: string;
  periodEnd: string;
}

export interface IndicatorFields {
  focusAreaId: string;
  title: string;
  description: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  direction: string;
}

const CYCLE_COLUMN: Record<keyof CycleFields, string> = {
  title: 'title',
  meetingDate: 'meeting_date',
  reportDeadline: 'report_deadline',
  periodStart: 'period_start',
  periodEnd: 'period_end',
};
const INDICATOR_COLUMN: Record<keyof IndicatorFields, string> = {
  focusAreaId: 'focus_area_id',
  title: 'title',
  description: 'description',
  unit: 'unit',
  baseline: 'baseline',
  target: 'target',
  direction: 'direction',
};

type NumericRow<T> = Omit<T, 'baseline' | 'target' | 'value'> & {
  baseline?: string | null;
  target?: string | null;
  value?: string;
};
const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

/** Reporting cycles, indicators and measurements. */
@Injectable()
export class ReportingRepository {
  constructor(private readonly transactions: TransactionHost) {}

  listCycles(strategyId?: string): Promise<ReportingCycleView[]> {
    return strategyId
      ? this.transactions
          .manager()
          .query(`${CYCLE} WHERE c.strategy_id = $1 ORDER BY c.meeting_date DESC, c.id`, [strategyId])
      : this.transactions.manager().query(`${CYCLE} ORDER BY c.meeting_date DESC, c.id`);
  }

  async findCycle(id: string, manager?: EntityManager): Promise<ReportingCycleView | null> {
    return (
      ((await this.transactions.manager(manager).query(`${CYCLE} WHERE c.id = $1`, [id])) as ReportingCycleView[])[0] ??
      null
    );
  }

  async strategyExists(id: string): Promise<boolean> {
    return (await this.transactions.manager().query('SELECT 1 FROM strategies WHERE id = $1', [id])).length > 0;
  }

  async insertCycle(
    strategyId: string,
    fields: CycleFields,
    createdBy: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO reporting_cycles (strategy_id, title, meeting_date, report_deadline, period_start, period_end, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        strategyId,
        fields.title,
        fields.meetingDate,
        fields.reportDeadline,
        fields.periodStart,
        fields.periodEnd,
        createdBy,
      ],
    );
    return rows[0].id;
  }

  async updateCycle(id: string, changes: Partial<CycleFields>, manager: EntityManager): Promise<void> {
    await this.update('reporting_cycles', CYCLE_COLUMN, id, changes, manager);
  }

  async listIndicators(workgroupId: string): Promise<IndicatorView[]> {
    const rows: Array<NumericRow<IndicatorView>> = await this.transactions
      .manager()
      .query(`${INDICATOR} WHERE i.workgroup_id = $1 AND i.deleted_at IS NULL ORDER BY f.position, i.title, i.id`, [
        workgroupId,
      ]);
    return rows.map((r) => ({ ...r, baseline: num(r.baseline), target: num(r.target) }) as IndicatorView);
  }

  async findIndicator(id: string, manager?: EntityManager): Promise<IndicatorView | null> {
    const rows: Array<NumericRow<IndicatorView>> = await this.transactions
      .manager(manager)
      .query(`${INDICATOR} WHERE i.id = $1 AND i.deleted_at IS NULL`, [id]);
    return rows[0]
      ? ({ ...rows[0], baseline: num(rows[0].baseline), target: num(rows[0].target) } as IndicatorView)
      : null;
  }

  async insertIndicator(
    workgroupId: string,
    fields: IndicatorFields,
    createdBy: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO indicators (workgroup_id, focus_area_id, title, description, unit, baseline, target, direction, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        workgroupId,
        fields.focusAreaId,
        fields.title,
        fields.description,
        fields.unit,
        fields.baseline,
        fields.target,
        fields.direction,
        createdBy,
      ],
    );
    return rows[0].id;
  }

  async updateIndicator(id: string, changes: Partial<IndicatorFields>, manager: EntityManager): Promise<void> {
    await this.update('indicators', INDICATOR_COLUMN, id, changes, manager);
  }

  async softDeleteIndicator(id: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE indicators SET deleted_at = now(), updated_at = now() WHERE id = $1', [id]);
  }

  measurements(indicatorId: string): Promise<MeasurementView[]> {
    return this.measurementsOf([indicatorId]);
  }

  /** The measurements of several indicators in one query, oldest first. */
  async measurementsOf(indicatorIds: string[]): Promise<MeasurementView[]> {
    if (indicatorIds.length === 0) return [];
    const rows: Array<NumericRow<MeasurementView>> = await this.transactions.manager().query(
      `SELECT m.id, m.indicator_id AS "indicatorId", m.measured_on AS "measuredOn", m.value, m.source, m.entered_by AS "enteredBy",
              u.display_name AS "enteredByName", m.created_at AS "createdAt"
         FROM indicator_measurements m LEFT JOIN users u ON u.id = m.entered_by
        WHERE m.indicator_id = ANY($1) AND m.deleted_at IS NULL ORDER BY m.measured_on, m.created_at`,
      [indicatorIds],
    );
    return rows.map((r) => ({ ...r, value: Number(r.value) }) as MeasurementView);
  }

  async findMeasurement(id: string): Promise<{ id: string; indicatorId: string } | null> {
    const rows = await this.transactions
      .manager()
      .query(
        'SELECT id, indicator_id AS "indicatorId" FROM indicator_measurements WHERE id = $1 AND deleted_at IS NULL',
        [id],
      );
    return rows[0] ?? null;
  }

  async insertMeasurement(
    indicatorId: string,
    m: { measuredOn: string; value: number; source: string },
    enteredBy: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO indicator_measurements (indicator_id, measured_on, value, source, entered_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [indicatorId, m.measuredOn, m.value, m.source, enteredBy],
    );
    return rows[0].id;
  }

  async softDeleteMeasurement(id: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE indicator_measurements SET deleted_at = now() WHERE id = $1', [id]);
  }

  async focusAreaBelongsTo(workgroupId: string, focusAreaId: string): Promise<boolean> {
    return (
      (
        await this.transactions
          .manager()
          .query(
            'SELECT 1 FROM focus_areas f JOIN workgroups w ON w.theme_id = f.theme_id WHERE w.id = $1 AND f.id = $2',
            [workgroupId, focusAreaId],
          )
      ).length > 0
    );
  }

  async workgroupExists(id: string): Promise<boolean> {
    return (await this.transactions.manager().query('SELECT 1 FROM workgroups WHERE id = $1', [id])).length > 0;
  }

  private async update(
    table: string,
    columns: Record<string, string>,
    id: string,
    changes: Record<string, unknown>,
    manager: EntityManager,
  ): Promise<void> {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [id];
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || !columns[key]) continue;
      params.push(value);
      sets.push(`${columns[key]} = $${params.length}`);
    }
    await manager.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1`, params);
  }
}
