import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FocusAreaStatus, ReportStatus } from '@koers/contracts';

/**
 * The dashboard's queries, each one set-based over the whole strategy. "Upward" versions are frozen
 * versions the secretariat did not return: what the RVC may see.
 */
const LATEST_UPWARD_PER_CYCLE = `
  SELECT DISTINCT ON (r.workgroup_id, r.cycle_id)
         r.workgroup_id, r.cycle_id, c.meeting_date, v.version, v.content, v.figures, coalesce(rv.outcome, 'ingediend') AS state
    FROM progress_reports r
    JOIN reporting_cycles c ON c.id = r.cycle_id
    JOIN progress_report_versions v ON v.report_id = r.id
    LEFT JOIN progress_report_reviews rv ON rv.version_id = v.id
   WHERE c.strategy_id = $1 AND (rv.outcome IS NULL OR rv.outcome = 'geaccepteerd')
   ORDER BY r.workgroup_id, r.cycle_id, v.version DESC`;

const LATEST_UPWARD_PER_WORKGROUP = `
  SELECT DISTINCT ON (l.workgroup_id) l.*
    FROM (${LATEST_UPWARD_PER_CYCLE}) l
   ORDER BY l.workgroup_id, l.meeting_date DESC`;

@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async strategyExists(id: string): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM strategies WHERE id = $1', [id])).length > 0;
  }

  /** Werkgroepen with their focus areas, in strategy order. */
  structure(
    strategyId: string,
  ): Promise<Array<{ workgroupId: string; workgroupName: string; focusAreaId: string; focusAreaTitle: string }>> {
    return this.dataSource.query(
      `SELECT w.id AS "workgroupId", w.name AS "workgroupName", f.id AS "focusAreaId", f.title AS "focusAreaTitle"
         FROM workgroups w JOIN themes t ON t.id = w.theme_id JOIN focus_areas f ON f.theme_id = t.id
        WHERE t.strategy_id = $1 ORDER BY t.position, f.position`,
      [strategyId],
    );
  }

  cycles(
    strategyId: string,
  ): Promise<Array<{ id: string; title: string; meetingDate: string; reportDeadline: string }>> {
    return this.dataSource.query(
      `SELECT id, title, meeting_date AS "meetingDate", report_deadline AS "reportDeadline" FROM reporting_cycles WHERE strategy_id = $1 ORDER BY meeting_date, id`,
      [strategyId],
    );
  }

  /** Per werkgroep and focus area the status in the latest upward version. */
  latestStatuses(strategyId: string): Promise<
    Array<{
      workgroupId: string;
      cycleId: string;
      version: number;
      state: string;
      focusAreaId: string;
      status: FocusAreaStatus;
    }>
  > {
    return this.dataSource.query(
      `SELECT l.workgroup_id AS "workgroupId", l.cycle_id AS "cycleId", l.version, l.state,
              fa->>'focusAreaId' AS "focusAreaId", fa->>'status' AS status
         FROM (${LATEST_UPWARD_PER_WORKGROUP}) l CROSS JOIN LATERAL jsonb_array_elements(l.content->'focusAreas') fa`,
      [strategyId],
    );
  }

  /** Per cycle and werkgroep how many focus areas had each status, from the latest upward version of that cycle. */
  trend(strategyId: string): Promise<Array<{ cycleId: string; workgroupId: string; status: string; count: number }>> {
    return this.dataSource.query(
      `SELECT l.cycle_id AS "cycleId", l.workgroup_id AS "workgroupId", fa->>'status' AS status, count(*)::int AS count
         FROM (${LATEST_UPWARD_PER_CYCLE}) l CROSS JOIN LATERAL jsonb_array_elements(l.content->'focusAreas') fa
        GROUP BY l.cycle_id, l.workgroup_id, fa->>'status'`,
      [strategyId],
    );
  }

  /** Live overdue open actions, per werkgroep and per owner organisation (secretariat). */
  liveOverdue(
    strategyId: string,
    today: string,
  ): Promise<
    Array<{
      workgroupId: string | null;
      organisationId: string | null;
      organisationName: string | null;
      byWorkgroup: boolean;
      overdue: number;
    }>
  > {
    return this.dataSource.query(
      `SELECT a.workgroup_id AS "workgroupId", a.owner_organisation_id AS "organisationId", o.name AS "organisationName",
              GROUPING(a.owner_organisation_id) = 1 AS "byWorkgroup", count(*)::int AS overdue
         FROM actions a JOIN workgroups w ON w.id = a.workgroup_id JOIN themes t ON t.id = w.theme_id
         LEFT JOIN organisations o ON o.id = a.owner_organisation_id
        WHERE t.strategy_id = $1 AND a.deleted_at IS NULL AND a.status IN ('open', 'in_uitvoering', 'geblokkeerd') AND a.due_date < $2::date
        GROUP BY GROUPING SETS ((a.workgroup_id), (a.owner_organisation_id, o.name))`,
      [strategyId, today],
    );
  }

  /** Overdue actions as the latest upward versions reported them (RVC). */
  reportedOverdue(strategyId: string): Promise<
    Array<{
      workgroupId: string | null;
      organisationId: string | null;
      organisationName: string | null;
      byWorkgroup: boolean;
      overdue: number;
    }>
  > {
    return this.dataSource.query(
      `WITH l AS (${LATEST_UPWARD_PER_WORKGROUP})
       SELECT l.workgroup_id AS "workgroupId", NULL AS "organisationId", NULL AS "organisationName", true AS "byWorkgroup",
              coalesce((l.figures->'actions'->'totals'->>'overdue')::int, 0) AS overdue
         FROM l
       UNION ALL
       SELECT NULL, o->>'organisationId', o->>'organisationName', false, sum((o->>'overdue')::int)::int
         FROM l CROSS JOIN LATERAL jsonb_array_elements(l.figures->'actions'->'overdueByOrganisation') o
        GROUP BY o->>'organisationId', o->>'organisationName'`,
      [strategyId],
    );
  }

  /** Every werkgroep of the strategy with the state of its report for one cycle (null: none yet). */
  submissions(
    strategyId: string,
    cycleId: string,
  ): Promise<
    Array<{ workgroupId: string; workgroupName: string; reportId: string | null; status: ReportStatus | null }>
  > {
    return this.dataSource.query(
      `SELECT w.id AS "workgroupId", w.name AS "workgroupName", r.id AS "reportId", r.status
         FROM workgroups w JOIN themes t ON t.id = w.theme_id
         LEFT JOIN progress_reports r ON r.workgroup_id = w.id AND r.cycle_id = $2
        WHERE t.strategy_id = $1 ORDER BY t.position`,
      [strategyId, cycleId],
    );
  }
}
