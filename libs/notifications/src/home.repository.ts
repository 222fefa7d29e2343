import { Injectable } from '@nestjs/common';
import type { ChangeItem, RecentDocument } from '@koers/contracts';
import { TransactionHost } from '@koers/core';

/** A new visit starts when someone was not seen for this long; "since your last visit" counts from the previous one. */
const VISIT_GAP = '30 minutes';

/**
 * The werkgroepen whose working material the person reads: their memberships, or all for the secretariat
 * ($2). RVC members without a membership read none (they read what is reported upward).
 */
const SCOPE = `scope AS (
  SELECT w.id, w.name FROM workgroups w
   WHERE $2::boolean OR EXISTS (SELECT 1 FROM workgroup_members m WHERE m.workgroup_id = w.id AND m.user_id = $1))`;

/** The home page: recent documents and what changed since one's previous visit, and the visit record itself. */
@Injectable()
export class HomeRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /**
   * Records that the person is here now and answers when their previous visit ended (null on a first
   * visit). Within one visit (seen less than VISIT_GAP ago) the answer stays the same, so reloading the
   * home page does not make the changes disappear.
   */
  async recordVisit(userId: string): Promise<Date | null> {
    const rows: Array<{ previous: Date | null }> = await this.transactions.manager().query(
      `INSERT INTO user_visits AS v (user_id, last_seen_at, previous_visit_at) VALUES ($1, now(), NULL)
       ON CONFLICT (user_id) DO UPDATE SET
         previous_visit_at = CASE WHEN v.last_seen_at < now() - interval '${VISIT_GAP}' THEN v.last_seen_at
                                  ELSE v.previous_visit_at END,
         last_seen_at = now()
       RETURNING previous_visit_at AS previous`,
      [userId],
    );
    return rows[0]?.previous ?? null;
  }

  recentDocuments(userId: string, all: boolean, limit: number): Promise<RecentDocument[]> {
    return this.transactions.manager().query(
      `WITH ${SCOPE}
       SELECT d.id, d.title, d.kind, d.workgroup_id AS "workgroupId", s.name AS "workgroupName", d.updated_at AS "updatedAt"
         FROM documents d JOIN scope s ON s.id = d.workgroup_id
        WHERE d.archived_at IS NULL
        ORDER BY d.updated_at DESC, d.id
        LIMIT ${limit}`,
      [userId, all],
    );
  }

  /** Documents changed, actions created/changed/done, sessions added and reports returned or accepted since `since`. */
  async changes(
    userId: string,
    all: boolean,
    since: Date,
    limit: number,
  ): Promise<{ items: ChangeItem[]; total: number }> {
    const changes = `WITH ${SCOPE}, changes AS (
        SELECT 'document_gewijzigd' AS kind, d.id, d.title, d.workgroup_id, s.name, d.updated_at AS at,
               '/documenten/' || d.id AS link
          FROM documents d JOIN scope s ON s.id = d.workgroup_id
         WHERE d.updated_at > $3 AND d.archived_at IS NULL
        UNION ALL
        SELECT CASE WHEN a.created_at > $3 THEN 'actie_nieuw' WHEN a.status = 'afgerond' THEN 'actie_afgerond'
                    ELSE 'actie_gewijzigd' END,
               a.id, a.title, a.workgroup_id, s.name, a.updated_at, '/werkgroepen/' || a.workgroup_id || '?actie=' || a.id
          FROM actions a JOIN scope s ON s.id = a.workgroup_id
         WHERE a.updated_at > $3 AND a.deleted_at IS NULL
        UNION ALL
        SELECT 'sessie_nieuw', ws.id, ws.title, ws.workgroup_id, s.name, ws.created_at,
               '/werkgroepen/' || ws.workgroup_id || '/sessies/' || ws.id
          FROM workgroup_sessions ws JOIN scope s ON s.id = ws.workgroup_id
         WHERE ws.created_at > $3 AND ws.deleted_at IS NULL
        UNION ALL
        SELECT 'rapportage_' || rv.outcome, r.id, c.title, r.workgroup_id, s.name, rv.reviewed_at, '/rapportages/' || r.id
          FROM progress_report_reviews rv
          JOIN progress_report_versions v ON v.id = rv.version_id
          JOIN progress_reports r ON r.id = v.report_id
          JOIN reporting_cycles c ON c.id = r.cycle_id
          JOIN scope s ON s.id = r.workgroup_id
         WHERE rv.reviewed_at > $3)`;
    const manager = this.transactions.manager();
    const items: ChangeItem[] = await manager.query(
      `${changes}
       SELECT kind, id, title, workgroup_id AS "workgroupId", name AS "workgroupName", at, link
         FROM changes ORDER BY at DESC, id LIMIT ${limit}`,
      [userId, all, since],
    );
    const [{ n }] = await manager.query(`${changes} SELECT count(*)::int AS n FROM changes`, [userId, all, since]);
    return { items, total: Number(n) };
  }
}
