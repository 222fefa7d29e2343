import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReportFigures, targetReached } from './reporting.model';
import { todayInNetherlands, TransactionHost } from '@koers/core';

const OPEN = `a.status IN ('open', 'in_uitvoering', 'geblokkeerd')`;

/**
 * The figures of a progress report, computed from the werkgroep's data at one moment by three set-based
 * queries: actions per focus area (and overdue per organisation), the latest measurement per indicator,
 * and the sessions held in the cycle's period. Exported as a function too, for the demo seeder.
 */
export async function computeReportFigures(
  manager: EntityManager,
  workgroupId: string,
  period: { start: string; end: string },
  now = new Date(),
): Promise<ReportFigures> {
  const today = todayInNetherlands(now);
  const perFocusArea: Array<{
    focusAreaId: string | null;
    title: string;
    done: number;
    open: number;
    overdue: number;
  }> = await manager.query(
    `WITH counts AS (
       SELECT a.focus_area_id,
              count(*) FILTER (WHERE a.status = 'afgerond') AS done,
              count(*) FILTER (WHERE ${OPEN}) AS open,
              count(*) FILTER (WHERE ${OPEN} AND a.due_date < $2::date) AS overdue
         FROM actions a
        WHERE a.workgroup_id = $1 AND a.deleted_at IS NULL
        GROUP BY a.focus_area_id)
     SELECT f.id AS "focusAreaId", f.title, coalesce(c.done, 0)::int AS done, coalesce(c.open, 0)::int AS open, coalesce(c.overdue, 0)::int AS overdue, f.position
       FROM workgroups w JOIN focus_areas f ON f.theme_id = w.theme_id LEFT JOIN counts c ON c.focus_area_id = f.id
      WHERE w.id = $1
     UNION ALL
     SELECT NULL, 'Zonder onderdeel', c.done::int, c.open::int, c.overdue::int, 2147483647 FROM counts c WHERE c.focus_area_id IS NULL
     ORDER BY position`,
    [workgroupId, today],
  );
  const overdueByOrganisation: Array<{ organisationId: string | null; organisationName: string; overdue: number }> =
    await manager.query(
      `SELECT a.owner_organisation_id AS "organisationId", coalesce(o.name, 'Onbekend') AS "organisationName", count(*)::int AS overdue
       FROM actions a LEFT JOIN organisations o ON o.id = a.owner_organisation_id
      WHERE a.workgroup_id = $1 AND a.deleted_at IS NULL AND ${OPEN} AND a.due_date < $2::date
      GROUP BY a.owner_organisation_id, o.name
      ORDER BY overdue DESC, "organisationName"`,
      [workgroupId, today],
    );
  const indicators: Array<{
    indicatorId: string;
    focusAreaId: string;
    title: string;
    unit: string;
    direction: string;
    baseline: string | null;
    target: string | null;
    latestValue: string | null;
    latestMeasuredOn: string | null;
  }> = await manager.query(
    `SELECT i.id AS "indicatorId", i.focus_area_id AS "focusAreaId", i.title, i.unit, i.direction, i.baseline, i.target,
              m.value AS "latestValue", m.measured_on AS "latestMeasuredOn"
         FROM indicators i
         JOIN focus_areas f ON f.id = i.focus_area_id
         LEFT JOIN LATERAL (
           SELECT value, measured_on FROM indicator_measurements
            WHERE indicator_id = i.id AND deleted_at IS NULL AND measured_on <= $2::date
            ORDER BY measured_on DESC, created_at DESC LIMIT 1) m ON true
        WHERE i.workgroup_id = $1 AND i.deleted_at IS NULL
        ORDER BY f.position, i.title, i.id`,
    [workgroupId, today],
  );
  const [{ held }]: Array<{ held: number }> = await manager.query(
    `SELECT count(*)::int AS held FROM workgroup_sessions s
      WHERE s.workgroup_id = $1 AND s.deleted_at IS NULL AND s.state = 'afgerond'
        AND (s.starts_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN $2::date AND $3::date`,
    [workgroupId, period.start, period.end],
  );
  const num = (v: string | null) => (v === null ? null : Number(v));
  const totals = perFocusArea.reduce(
    (t, r) => ({ done: t.done + r.done, open: t.open + r.open, overdue: t.overdue + r.overdue }),
    { done: 0, open: 0, overdue: 0 },
  );
  return {
    computedAt: now.toISOString(),
    referenceDate: today,
    period,
    actions: {
      perFocusArea: perFocusArea.map(({ focusAreaId, title, done, open, overdue }) => ({
        focusAreaId,
        title,
        done,
        open,
        overdue,
      })),
      totals,
      overdueByOrganisation,
    },
    indicators: indicators.map((i) => {
      const latestValue = num(i.latestValue);
      const target = num(i.target);
      return {
        indicatorId: i.indicatorId,
        focusAreaId: i.focusAreaId,
        title: i.title,
        unit: i.unit as ReportFigures['indicators'][number]['unit'],
        direction: i.direction as ReportFigures['indicators'][number]['direction'],
        baseline: num(i.baseline),
        target,
        latestValue,
        latestMeasuredOn: i.latestMeasuredOn,
        targetReached: targetReached(i.direction as 'hoger_is_beter', latestValue, target),
      };
    }),
    sessionsHeld: held,
  };
}

@Injectable()
export class ReportFiguresRepository {
  constructor(private readonly transactions: TransactionHost) {}

  compute(
    workgroupId: string,
    period: { start: string; end: string },
    manager?: EntityManager,
  ): Promise<ReportFigures> {
    return computeReportFigures(this.transactions.manager(manager), workgroupId, period);
  }
}
