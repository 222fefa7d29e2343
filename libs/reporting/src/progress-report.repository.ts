import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReportContent, ReportFigures, ReportStatus } from './reporting.model';
import { TransactionHost } from '@koers/core';

export interface ReportRow {
  id: string;
  workgroupId: string;
  workgroupName: string;
  cycleId: string;
  cycleTitle: string;
  periodStart: string;
  periodEnd: string;
  status: ReportStatus;
  summary: string;
  focusAreas: ReportContent['focusAreas'];
  currentVersion: number;
  /** The cycle was closed: its bundle is sealed and the report can no longer change. */
  cycleClosed: boolean;
  /** The collaborative narrative document (null for reports from before it existed). */
  narrativeDocumentId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Raised on every change (optimistic concurrency). */
  version: number;
  /** Per text field, the report version that last wrote it (merging stale saves per field). */
  fieldVersions: Record<string, number>;
  /** Where the report started from (the werkgroep's last accepted report), with the values taken over. */
  carriedOver: StoredCarryOver | null;
}

/** The last accepted report a new one starts from, and the field values taken over from it. */
export interface StoredCarryOver {
  reportId: string;
  cycleTitle: string;
  version: number;
  acceptedAt: string;
  /** By field name (`summary`, `focusAreas.<id>.status|narrative`): the value taken over. */
  values: Record<string, string>;
  /**
   * The shared narrative document started as a copy of the accepted report's: its source, the SHA-256 of the
   * copied text (to tell whether it is still unchanged) and whether the source was edited after acceptance.
   */
  narrative?: { documentId: string; textHash: string; changedSinceAcceptance: boolean };
}

/** The newest accepted version of a werkgroep's reports for an earlier meeting. */
export interface AcceptedSource {
  reportId: string;
  cycleTitle: string;
  version: number;
  acceptedAt: Date;
  content: ReportContent;
  narrativeDocumentId: string | null;
}

export interface VersionRow {
  id: string;
  reportId: string;
  version: number;
  content: ReportContent;
  figures: ReportFigures;
  contentHash: string;
  submittedBy: string | null;
  submittedByName: string | null;
  /** The secretariat submitted this version on behalf of the werkgroep. */
  submittedOnBehalf: boolean;
  submittedAt: Date;
  reviewOutcome: 'geaccepteerd' | 'teruggestuurd' | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

const REPORT = `SELECT r.id, r.workgroup_id AS "workgroupId", w.name AS "workgroupName", r.cycle_id AS "cycleId", c.title AS "cycleTitle",
                       c.period_start AS "periodStart", c.period_end AS "periodEnd", r.status, r.summary, r.focus_areas AS "focusAreas",
                       r.current_version AS "currentVersion", r.narrative_document_id AS "narrativeDocumentId", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
                       r.version, r.field_versions AS "fieldVersions", c.closed_at IS NOT NULL AS "cycleClosed", r.carried_over AS "carriedOver"
                  FROM progress_reports r JOIN workgroups w ON w.id = r.workgroup_id JOIN reporting_cycles c ON c.id = r.cycle_id`;

const VERSION = `SELECT v.id, v.report_id AS "reportId", v.version, v.content, v.figures, v.content_hash AS "contentHash",
                        v.submitted_by AS "submittedBy", u.display_name AS "submittedByName", v.submitted_on_behalf AS "submittedOnBehalf", v.submitted_at AS "submittedAt",
                        rv.outcome AS "reviewOutcome", rv.comment AS "reviewComment", rv.reviewed_by AS "reviewedBy", rv.reviewed_at AS "reviewedAt"
                   FROM progress_report_versions v
                   LEFT JOIN users u ON u.id = v.submitted_by
                   LEFT JOIN progress_report_reviews rv ON rv.version_id = v.id`;

/** Progress reports, their frozen versions (insert only) and the secretariat's reviews (insert only). */
@Injectable()
export class ProgressReportRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async find(id: string, manager?: EntityManager, lock = false): Promise<ReportRow | null> {
    const rows: ReportRow[] = await this.transactions
      .manager(manager)
      // Locking also shares the cycle row: closing a cycle (which locks it for update) waits for a change to
      // one of its reports to commit, and a change that waited for a close sees the cycle closed.
      .query(`${REPORT} WHERE r.id = $1${lock ? ' FOR UPDATE OF r FOR SHARE OF c' : ''}`, [id]);
    return rows[0] ?? null;
  }

  listOfWorkgroup(workgroupId: string): Promise<ReportRow[]> {
    return this.transactions
      .manager()
      .query(`${REPORT} WHERE r.workgroup_id = $1 ORDER BY c.meeting_date DESC`, [workgroupId]);
  }

  focusAreasOf(workgroupId: string): Promise<Array<{ id: string; title: string }>> {
    return this.transactions
      .manager()
      .query(
        'SELECT f.id, f.title FROM workgroups w JOIN focus_areas f ON f.theme_id = w.theme_id WHERE w.id = $1 ORDER BY f.position',
        [workgroupId],
      );
  }

  /**
   * The strategy a werkgroep reports under (null for a werkgroep without a theme), with the region's word for
   * a theme; null when the werkgroep does not exist.
   */
  async workgroupStrategy(
    workgroupId: string,
  ): Promise<{ strategyId: string | null; themeSingular: string | null } | null> {
    const rows: Array<{ strategyId: string | null; themeSingular: string | null }> = await this.transactions
      .manager()
      .query(
        `SELECT t.strategy_id AS "strategyId", (SELECT theme_singular FROM regions ORDER BY name LIMIT 1) AS "themeSingular"
           FROM workgroups w LEFT JOIN themes t ON t.id = w.theme_id WHERE w.id = $1`,
        [workgroupId],
      );
    return rows[0] ?? null;
  }

  /** Inserts the report unless one exists for this werkgroep and cycle; returns null then. */
  async insert(
    workgroupId: string,
    cycleId: string,
    content: ReportContent,
    createdBy: string,
    manager: EntityManager,
    carriedOver: StoredCarryOver | null = null,
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO progress_reports (workgroup_id, cycle_id, summary, focus_areas, created_by, carried_over) VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb)
       ON CONFLICT (workgroup_id, cycle_id) DO NOTHING RETURNING id`,
      [
        workgroupId,
        cycleId,
        content.summary,
        JSON.stringify(content.focusAreas),
        createdBy,
        carriedOver ? JSON.stringify(carriedOver) : null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** The newest accepted version among the werkgroep's reports for meetings before `beforeMeeting`. */
  async lastAccepted(
    workgroupId: string,
    beforeMeeting: string,
    manager?: EntityManager,
  ): Promise<AcceptedSource | null> {
    const rows: AcceptedSource[] = await this.transactions.manager(manager).query(
      `SELECT r.id AS "reportId", c.title AS "cycleTitle", v.version, v.content, rv.reviewed_at AS "acceptedAt",
              r.narrative_document_id AS "narrativeDocumentId"
         FROM progress_reports r
         JOIN reporting_cycles c ON c.id = r.cycle_id
         JOIN progress_report_versions v ON v.report_id = r.id
         JOIN progress_report_reviews rv ON rv.version_id = v.id AND rv.outcome = 'geaccepteerd'
        WHERE r.workgroup_id = $1 AND c.meeting_date < $2
        ORDER BY c.meeting_date DESC, v.version DESC
        LIMIT 1`,
      [workgroupId, beforeMeeting],
    );
    return rows[0] ?? null;
  }

  async setNarrativeDocument(id: string, documentId: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE progress_reports SET narrative_document_id = $2 WHERE id = $1', [id, documentId]);
  }

  async updateContent(
    id: string,
    content: ReportContent,
    fieldVersions: Record<string, number>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      'UPDATE progress_reports SET summary = $2, focus_areas = $3::jsonb, field_versions = $4::jsonb, updated_at = now() WHERE id = $1',
      [id, content.summary, JSON.stringify(content.focusAreas), JSON.stringify(fieldVersions)],
    );
  }

  async setStatus(
    id: string,
    status: ReportStatus,
    currentVersion: number | null,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      'UPDATE progress_reports SET status = $2, current_version = coalesce($3, current_version), updated_at = now() WHERE id = $1',
      [id, status, currentVersion],
    );
  }

  async insertVersion(
    v: {
      reportId: string;
      version: number;
      content: ReportContent;
      figures: ReportFigures;
      contentHash: string;
      submittedBy: string;
      submittedOnBehalf: boolean;
    },
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO progress_report_versions (report_id, version, content, figures, content_hash, submitted_by, submitted_on_behalf)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7) RETURNING id`,
      [
        v.reportId,
        v.version,
        JSON.stringify(v.content),
        JSON.stringify(v.figures),
        v.contentHash,
        v.submittedBy,
        v.submittedOnBehalf,
      ],
    );
    return rows[0].id;
  }

  async insertReview(
    versionId: string,
    outcome: 'geaccepteerd' | 'teruggestuurd',
    comment: string,
    reviewedBy: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      'INSERT INTO progress_report_reviews (version_id, outcome, comment, reviewed_by) VALUES ($1, $2, $3, $4)',
      [versionId, outcome, comment, reviewedBy],
    );
  }

  /** Every version, oldest first; `upwardOnly` leaves out the versions the secretariat returned. */
  versions(reportId: string, upwardOnly = false, manager?: EntityManager): Promise<VersionRow[]> {
    return this.transactions
      .manager(manager)
      .query(
        `${VERSION} WHERE v.report_id = $1${upwardOnly ? " AND (rv.outcome IS NULL OR rv.outcome = 'geaccepteerd')" : ''} ORDER BY v.version`,
        [reportId],
      );
  }

  async version(reportId: string, version: number, manager?: EntityManager): Promise<VersionRow | null> {
    const rows: VersionRow[] = await this.transactions
      .manager(manager)
      .query(`${VERSION} WHERE v.report_id = $1 AND v.version = $2`, [reportId, version]);
    return rows[0] ?? null;
  }
}
