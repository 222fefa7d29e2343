import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BundleWords, ReportContent, ReportFigures } from './reporting.model';

export interface BundleRow {
  workgroupId: string;
  name: string;
  priorityTitle: string;
  reportId: string | null;
  version: number | null;
  content: ReportContent | null;
  figures: ReportFigures | null;
  contentHash: string | null;
  submittedAt: Date | null;
  submittedByName: string | null;
  submittedOnBehalf: boolean | null;
  acceptedAt: Date | null;
  acceptedByName: string | null;
}

/** The data of the RVC bundle: one query over the strategy's werkgroepen and their accepted versions. */
@Injectable()
export class BundleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The region's words for the board and its themes (regions has one row per installation). */
  async words(manager?: EntityManager): Promise<BundleWords> {
    const rows: BundleWords[] = await (manager ?? this.dataSource).query(
      `SELECT board_name AS "boardName", board_abbreviation AS "boardAbbreviation", theme_singular AS "themeSingular"
         FROM regions ORDER BY name LIMIT 1`,
    );
    return (
      rows[0] ?? { boardName: 'Regionaal Veiligheidscollege', boardAbbreviation: 'RVC', themeSingular: 'prioriteit' }
    );
  }

  async strategyName(strategyId: string, manager?: EntityManager): Promise<string | null> {
    const rows: Array<{ title: string }> = await (manager ?? this.dataSource).query(
      'SELECT title FROM strategies WHERE id = $1',
      [strategyId],
    );
    return rows[0]?.title ?? null;
  }

  /**
   * Every werkgroep of the strategy in priority order (then name), with the version of its report for
   * this cycle that the secretariat accepted, if any. Versions and reviews are append-only, so an
   * accepted version stays what it was.
   */
  workgroupsWithAcceptedVersion(strategyId: string, cycleId: string, manager?: EntityManager): Promise<BundleRow[]> {
    return (manager ?? this.dataSource).query(
      `SELECT w.id AS "workgroupId", w.name, t.title AS "priorityTitle",
              a.report_id AS "reportId", a.version, a.content, a.figures, a.content_hash AS "contentHash",
              a.submitted_at AS "submittedAt", a.submitted_by_name AS "submittedByName", a.submitted_on_behalf AS "submittedOnBehalf",
              a.reviewed_at AS "acceptedAt", a.reviewed_by_name AS "acceptedByName"
         FROM workgroups w
         JOIN themes t ON t.id = w.theme_id
         LEFT JOIN progress_reports r ON r.workgroup_id = w.id AND r.cycle_id = $2
         LEFT JOIN LATERAL (
                SELECT v.report_id, v.version, v.content, v.figures, v.content_hash, v.submitted_at, su.display_name AS submitted_by_name, v.submitted_on_behalf,
                       rv.reviewed_at, ru.display_name AS reviewed_by_name
                  FROM progress_report_versions v
                  JOIN progress_report_reviews rv ON rv.version_id = v.id AND rv.outcome = 'geaccepteerd'
                  LEFT JOIN users su ON su.id = v.submitted_by
                  LEFT JOIN users ru ON ru.id = rv.reviewed_by
                 WHERE v.report_id = r.id
                 ORDER BY v.version DESC
                 LIMIT 1) a ON true
        WHERE t.strategy_id = $1
        ORDER BY t.position, w.name, w.id`,
      [strategyId, cycleId],
    );
  }
}
