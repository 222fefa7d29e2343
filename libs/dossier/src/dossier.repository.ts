import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { DossierJob, DossierStatus } from '@koers/contracts';

export type { DossierJob, DossierStatus } from '@koers/contracts';

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null ? null : String(value));

function job(row: Row): DossierJob {
  return {
    id: row.id as string,
    workgroupId: row.workgroup_id as string,
    requestedBy: (row.requested_by as string | null) ?? null,
    status: row.status as DossierStatus,
    doneItems: Number(row.done_items),
    totalItems: Number(row.total_items),
    error: (row.error as string | null) ?? null,
    fileName: (row.file_name as string | null) ?? null,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    sha256: (row.sha256 as string | null) ?? null,
    createdAt: iso(row.created_at) as string,
    finishedAt: iso(row.finished_at),
  };
}

const JOB_COLUMNS = `id, workgroup_id, requested_by, status, done_items, total_items, error, file_name, size_bytes, sha256,
  created_at, finished_at`;
const JOB_COLUMNS_OF_D = JOB_COLUMNS.split(',')
  .map((column) => `d.${column.trim()}`)
  .join(', ');

/**
 * The dossier's job rows, and the read-only queries that gather a werkgroep's records for it. The records are
 * read as whole rows (`to_jsonb`): an archive keeps what was stored, not one screen's view of it.
 */
@Injectable()
export class DossierRepository {
  constructor(private readonly db: DataSource) {}

  async create(workgroupId: string, requestedBy: string): Promise<DossierJob> {
    const [row] = (await this.db.query(
      `INSERT INTO workgroup_dossiers (workgroup_id, requested_by) VALUES ($1, $2) RETURNING ${JOB_COLUMNS}`,
      [workgroupId, requestedBy],
    )) as Row[];
    return job(row);
  }

  async find(workgroupId: string, id: string): Promise<DossierJob | null> {
    const [row] = (await this.db.query(
      `SELECT ${JOB_COLUMNS} FROM workgroup_dossiers WHERE id = $1 AND workgroup_id = $2`,
      [id, workgroupId],
    )) as Row[];
    return row ? job(row) : null;
  }

  async list(workgroupId: string): Promise<DossierJob[]> {
    const rows = (await this.db.query(
      `SELECT ${JOB_COLUMNS} FROM workgroup_dossiers WHERE workgroup_id = $1 ORDER BY created_at DESC LIMIT 20`,
      [workgroupId],
    )) as Row[];
    return rows.map(job);
  }

  /**
   * Where a finished dossier's ZIP is: chunks in the file store (`storageKey`), or, for dossiers made before
   * the ZIP was streamed, the bytes in the row.
   */
  async content(id: string): Promise<{ storageKey: string | null; legacy: Buffer | null } | null> {
    const [row] = (await this.db.query(
      `SELECT storage_key, CASE WHEN storage_key IS NULL THEN content END AS content
         FROM workgroup_dossiers WHERE id = $1 AND status = 'klaar'`,
      [id],
    )) as Array<{ storage_key: string | null; content: Uint8Array | null }>;
    if (!row) return null;
    return { storageKey: row.storage_key, legacy: row.content ? Buffer.from(row.content) : null };
  }

  /**
   * Claims one job to build, for instance `claimedBy`: a waiting one, or one being built whose builder made no
   * progress for `staleMs` (its instance crashed or stopped). `FOR UPDATE SKIP LOCKED` makes every job go to one
   * instance only, however many ask at once. With `id`, only that job. Returns the job and the key of the chunks
   * an earlier attempt left behind (to remove), or null when there is nothing to claim.
   */
  async claim(
    claimedBy: string,
    staleMs: number,
    id?: string,
  ): Promise<{ job: DossierJob; staleKey: string | null; attempts: number } | null> {
    const [row] = (await this.db.query(
      `WITH claimed AS (
         UPDATE workgroup_dossiers d
            SET status = 'bezig', claimed_by = $1, heartbeat_at = clock_timestamp(), attempts = d.attempts + 1,
                done_items = 0, error = NULL, storage_key = NULL
           FROM (SELECT id, storage_key FROM workgroup_dossiers
                  WHERE (status = 'wachtend'
                         OR (status = 'bezig'
                             AND coalesce(heartbeat_at, created_at) < clock_timestamp() - make_interval(secs => $2::float8 / 1000)))
                    AND ($3::uuid IS NULL OR id = $3::uuid)
                  ORDER BY created_at
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED) old
          WHERE d.id = old.id
         RETURNING ${JOB_COLUMNS_OF_D}, d.attempts, old.storage_key AS stale_key)
       SELECT * FROM claimed`,
      [claimedBy, staleMs, id ?? null],
    )) as Row[];
    if (!row) return null;
    return { job: job(row), staleKey: (row.stale_key as string | null) ?? null, attempts: Number(row.attempts) };
  }

  /** Records where this attempt writes its ZIP (so the sweep leaves the chunks alone); false when no longer ours. */
  storeAt(id: string, claimedBy: string, storageKey: string): Promise<boolean> {
    return this.ours(`storage_key = $3, heartbeat_at = clock_timestamp()`, id, claimedBy, [storageKey]);
  }

  async start(id: string, claimedBy: string, totalItems: number): Promise<boolean> {
    return this.ours(`total_items = $3, heartbeat_at = clock_timestamp()`, id, claimedBy, [totalItems]);
  }

  /** Progress, which is also the builder's sign of life; false when another instance has taken the job over. */
  progress(id: string, claimedBy: string, doneItems: number): Promise<boolean> {
    return this.ours(`done_items = $3, heartbeat_at = clock_timestamp()`, id, claimedBy, [doneItems]);
  }

  /** A sign of life while one item takes long (a large document's PDF). */
  heartbeat(id: string, claimedBy: string): Promise<boolean> {
    return this.ours(`heartbeat_at = clock_timestamp()`, id, claimedBy, []);
  }

  finish(id: string, claimedBy: string, fileName: string, sizeBytes: number, sha256: string): Promise<boolean> {
    return this.ours(
      `status = 'klaar', done_items = total_items, file_name = $3, size_bytes = $4, sha256 = $5,
       finished_at = clock_timestamp(), heartbeat_at = clock_timestamp()`,
      id,
      claimedBy,
      [fileName, sizeBytes, sha256],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE workgroup_dossiers SET status = 'mislukt', error = $2, finished_at = clock_timestamp() WHERE id = $1`,
      [id, error],
    );
  }

  /** The e-mail address of who requested the dossier (the manifest's responsible actor). */
  async requesterEmail(id: string): Promise<string | null> {
    const [row] = (await this.db.query(
      `SELECT u.email FROM workgroup_dossiers d JOIN users u ON u.id = d.requested_by WHERE d.id = $1`,
      [id],
    )) as Array<{ email: string }>;
    return row?.email ?? null;
  }

  /** An update of a job this instance still holds (status bezig, claimed by it); whether it was. */
  private async ours(set: string, id: string, claimedBy: string, parameters: unknown[]): Promise<boolean> {
    const [row] = (await this.db.query(
      `WITH changed AS (UPDATE workgroup_dossiers SET ${set}
                         WHERE id = $1 AND claimed_by = $2 AND status = 'bezig' RETURNING id)
       SELECT count(*)::int AS n FROM changed`,
      [id, claimedBy, ...parameters],
    )) as Array<{ n: number }>;
    return row.n > 0;
  }

  // --- the werkgroep's records

  private rows(sql: string, parameters: unknown[]): Promise<Row[]> {
    return this.db.query(sql, parameters).then((rows: Array<{ row: Row }>) => rows.map((r) => r.row));
  }

  async workgroup(workgroupId: string): Promise<Row | null> {
    const [row] = await this.rows(
      `SELECT to_jsonb(w) || jsonb_build_object('priority_title', t.title, 'strategy_name', s.title, 'strategy_period', jsonb_build_array(s.period_start, s.period_end)) AS row
         FROM workgroups w LEFT JOIN themes t ON t.id = w.theme_id LEFT JOIN strategies s ON s.id = t.strategy_id
        WHERE w.id = $1`,
      [workgroupId],
    );
    return row ?? null;
  }

  members(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT jsonb_build_object('user_id', u.id, 'naam', u.display_name, 'rol', m.role, 'organisatie', o.name) AS row
         FROM workgroup_members m JOIN users u ON u.id = m.user_id LEFT JOIN organisations o ON o.id = u.organisation_id
        WHERE m.workgroup_id = $1 ORDER BY m.role, u.display_name`,
      [workgroupId],
    );
  }

  documents(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT jsonb_build_object('id', d.id, 'title', d.title, 'kind', d.kind, 'created_at', d.created_at,
              'updated_at', d.updated_at, 'archived_at', d.archived_at, 'created_by', d.created_by) AS row
         FROM documents d WHERE d.workgroup_id = $1 ORDER BY d.created_at`,
      [workgroupId],
    );
  }

  actions(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT to_jsonb(a) || jsonb_build_object('owner_name', u.display_name, 'owner_organisation', o.name) AS row
         FROM actions a LEFT JOIN users u ON u.id = a.owner_id LEFT JOIN organisations o ON o.id = a.owner_organisation_id
        WHERE a.workgroup_id = $1 AND a.deleted_at IS NULL ORDER BY a.created_at, a.id`,
      [workgroupId],
    );
  }

  sessions(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT to_jsonb(s) || jsonb_build_object(
                'agenda', COALESCE((SELECT jsonb_agg(to_jsonb(i) ORDER BY i.placement, i.position)
                                      FROM session_agenda_items i WHERE i.session_id = s.id), '[]'::jsonb),
                'attendees', COALESCE((SELECT jsonb_agg(to_jsonb(a)) FROM session_attendees a WHERE a.session_id = s.id),
                                      '[]'::jsonb)) AS row
         FROM workgroup_sessions s WHERE s.workgroup_id = $1 AND s.deleted_at IS NULL ORDER BY s.starts_at, s.id`,
      [workgroupId],
    );
  }

  decisions(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT to_jsonb(d) || jsonb_build_object('session_title', s.title, 'session_starts_at', s.starts_at) AS row
         FROM session_decisions d JOIN workgroup_sessions s ON s.id = d.session_id
        WHERE s.workgroup_id = $1 ORDER BY s.starts_at, d.created_at`,
      [workgroupId],
    );
  }

  reports(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT to_jsonb(r) || jsonb_build_object('cycle_title', c.title,
                'versions', COALESCE((SELECT jsonb_agg(to_jsonb(v) || jsonb_build_object('review',
                    (SELECT to_jsonb(rv) FROM progress_report_reviews rv WHERE rv.version_id = v.id)) ORDER BY v.version)
                  FROM progress_report_versions v WHERE v.report_id = r.id), '[]'::jsonb)) AS row
         FROM progress_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
        WHERE r.workgroup_id = $1 ORDER BY c.meeting_date, r.id`,
      [workgroupId],
    );
  }

  /** The audit trail of the werkgroep's items (successful changes; refusals stay in the audit log). */
  audit(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT jsonb_build_object('id', id, 'occurred_at', occurred_at, 'actor_email', actor_email, 'action', action,
              'entity_type', entity_type, 'entity_id', entity_id, 'summary', summary) AS row
         FROM audit_log WHERE workgroup_id = $1 AND outcome = 'success' ORDER BY occurred_at, id`,
      [workgroupId],
    );
  }

  /** Live attachments on the werkgroep, its sessions, agenda items and actions. */
  attachments(workgroupId: string): Promise<Row[]> {
    return this.rows(
      `SELECT jsonb_build_object('id', f.id, 'parent_type', f.parent_type, 'parent_id', f.parent_id) AS row
         FROM files f
        WHERE f.archived_at IS NULL AND (
              (f.parent_type = 'workgroup' AND f.parent_id = $1)
           OR (f.parent_type = 'session' AND f.parent_id IN (SELECT id FROM workgroup_sessions WHERE workgroup_id = $1))
           OR (f.parent_type = 'agenda_item' AND f.parent_id IN (
                 SELECT i.id FROM session_agenda_items i JOIN workgroup_sessions s ON s.id = i.session_id
                  WHERE s.workgroup_id = $1))
           OR (f.parent_type = 'action' AND f.parent_id IN (SELECT id FROM actions WHERE workgroup_id = $1)))
        ORDER BY f.created_at, f.id`,
      [workgroupId],
    );
  }
}
