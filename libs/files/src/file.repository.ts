import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { FileDetail, FileMeta, FileParentType, FileVersionMeta } from '@koers/contracts';
import { TransactionHost } from '@koers/core';
import { PREVIEWABLE_KINDS } from './content-type';
import type { StoredContent } from './file-intake';

/** A parent as the rules see it: which werkgroep it belongs to, and what decides who may change it. */
export interface ResolvedParent {
  type: FileParentType;
  id: string;
  workgroupId: string | null;
  /** For a kennisbank item: its theme (the kennisbank's own policy decides). */
  themeId: string | null;
  /** For an action: its owner (who may add to their own action). */
  ownerId: string | null;
  /** For a consultation answer: its consultation and the asked organisation (the consultation's policy decides). */
  consultationId: string | null;
  organisationId: string | null;
  /** For a consultation answer: its consultation is closed (answers and their attachments are fixed). */
  closed: boolean;
}

/** Where a version's bytes are. */
export interface StoredVersion {
  fileId: string;
  number: number;
  name: string;
  mediaType: string;
  kind: FileMeta['kind'];
  sizeBytes: number;
  sha256: string;
  store: string;
  storageKey: string;
}

const PARENT_OF: Record<FileParentType, string> = {
  workgroup:
    'SELECT id AS "workgroupId", NULL::uuid AS "themeId", NULL::uuid AS "ownerId" FROM workgroups WHERE id = $1',
  session:
    'SELECT workgroup_id AS "workgroupId", NULL::uuid AS "themeId", NULL::uuid AS "ownerId" FROM workgroup_sessions WHERE id = $1 AND deleted_at IS NULL',
  agenda_item: `SELECT s.workgroup_id AS "workgroupId", NULL::uuid AS "themeId", NULL::uuid AS "ownerId"
      FROM session_agenda_items i JOIN workgroup_sessions s ON s.id = i.session_id WHERE i.id = $1 AND s.deleted_at IS NULL`,
  knowledge_item: `SELECT (SELECT w.id FROM workgroups w WHERE w.theme_id = k.theme_id ORDER BY w.created_at LIMIT 1) AS "workgroupId",
      k.theme_id AS "themeId", NULL::uuid AS "ownerId" FROM knowledge_items k WHERE k.id = $1`,
  action:
    'SELECT workgroup_id AS "workgroupId", NULL::uuid AS "themeId", owner_id AS "ownerId" FROM actions WHERE id = $1 AND deleted_at IS NULL',
  consultation_answer: `SELECT NULL::uuid AS "workgroupId", r.consultation_id AS "consultationId", r.organisation_id AS "organisationId",
      c.closed_at IS NOT NULL AS closed
      FROM consultation_responses r JOIN consultations c ON c.id = r.consultation_id WHERE r.id = $1`,
};

const PERSON = (alias: string, column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'displayName', ${alias}.display_name) END`;

const SELECT_META = `
  SELECT f.id, f.parent_type AS "parentType", f.parent_id AS "parentId", v.name, v.kind, v.media_type AS "mediaType",
         v.size_bytes::float8 AS "sizeBytes", v.sha256, v.number AS "versionCount",
         f.created_at AS "createdAt", ${PERSON('c', 'f.created_by')} AS "createdBy",
         v.created_at AS "updatedAt", f.version
    FROM files f
    JOIN LATERAL (SELECT * FROM file_versions x WHERE x.file_id = f.id ORDER BY x.number DESC LIMIT 1) v ON true
    LEFT JOIN users c ON c.id = f.created_by`;

type MetaRow = Omit<FileMeta, 'workgroupId' | 'previewable' | 'createdAt' | 'updatedAt'> & {
  createdAt: Date;
  updatedAt: Date;
};

/** The only place that queries files and their versions (the bytes are the FileStore's). */
@Injectable()
export class FileRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async resolveParent(type: FileParentType, id: string): Promise<ResolvedParent | null> {
    const rows: Array<Partial<ResolvedParent>> = await this.transactions.manager().query(PARENT_OF[type], [id]);
    if (!rows[0]) return null;
    return {
      workgroupId: null,
      themeId: null,
      ownerId: null,
      consultationId: null,
      organisationId: null,
      closed: false,
      ...rows[0],
      type,
      id,
    };
  }

  /** A live (not archived) file's parent, or null. */
  async parentOfFile(fileId: string): Promise<{ type: FileParentType; id: string } | null> {
    const rows: Array<{ type: FileParentType; id: string }> = await this.transactions
      .manager()
      .query('SELECT parent_type AS type, parent_id AS id FROM files WHERE id = $1 AND archived_at IS NULL', [fileId]);
    return rows[0] ?? null;
  }

  async list(parent: { type: FileParentType; id: string }, workgroupId: string | null): Promise<FileMeta[]> {
    const rows: MetaRow[] = await this.transactions
      .manager()
      .query(
        `${SELECT_META} WHERE f.parent_type = $1 AND f.parent_id = $2 AND f.archived_at IS NULL ORDER BY v.created_at DESC, f.id`,
        [parent.type, parent.id],
      );
    return rows.map((row) => toMeta(row, workgroupId));
  }

  async meta(fileId: string, workgroupId: string | null, manager?: EntityManager): Promise<FileMeta | null> {
    const rows: MetaRow[] = await this.transactions
      .manager(manager)
      .query(`${SELECT_META} WHERE f.id = $1 AND f.archived_at IS NULL`, [fileId]);
    return rows[0] ? toMeta(rows[0], workgroupId) : null;
  }

  async versions(fileId: string): Promise<FileVersionMeta[]> {
    const rows: Array<Omit<FileVersionMeta, 'createdAt'> & { createdAt: Date }> = await this.transactions
      .manager()
      .query(
        `SELECT v.number, v.name, v.kind, v.media_type AS "mediaType", v.size_bytes::float8 AS "sizeBytes", v.sha256,
              v.created_at AS "createdAt", ${PERSON('u', 'v.created_by')} AS "createdBy"
         FROM file_versions v LEFT JOIN users u ON u.id = v.created_by
        WHERE v.file_id = $1 ORDER BY v.number DESC`,
        [fileId],
      );
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }

  /** Where the bytes of a version are: the newest when `number` is absent. */
  async storedVersion(fileId: string, number?: number): Promise<StoredVersion | null> {
    const rows: StoredVersion[] = await this.transactions.manager().query(
      `SELECT file_id AS "fileId", number, name, kind, media_type AS "mediaType", size_bytes::float8 AS "sizeBytes",
              sha256, store, storage_key AS "storageKey"
         FROM file_versions WHERE file_id = $1 ${number === undefined ? '' : 'AND number = $2'}
        ORDER BY number DESC LIMIT 1`,
      number === undefined ? [fileId] : [fileId, number],
    );
    return rows[0] ?? null;
  }

  async insertFile(
    parent: { type: FileParentType; id: string },
    name: string,
    content: StoredContent,
    userId: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO files (parent_type, parent_id, created_by) VALUES ($1, $2, $3) RETURNING id',
      [parent.type, parent.id, userId],
    );
    await this.insertVersion(rows[0].id, 1, name, content, userId, manager);
    return rows[0].id;
  }

  /** Locks a live file for a change; its row version and newest version number, or null when gone. */
  async lockFile(fileId: string, manager: EntityManager): Promise<{ version: number; lastNumber: number } | null> {
    const rows: Array<{ version: number }> = await manager.query(
      'SELECT version FROM files WHERE id = $1 AND archived_at IS NULL FOR UPDATE',
      [fileId],
    );
    if (!rows[0]) return null;
    // Read after the lock is held, in a statement of its own: a subquery in the locking statement would see
    // the snapshot from before a concurrent version committed.
    const last: Array<{ n: number }> = await manager.query(
      'SELECT max(number) AS n FROM file_versions WHERE file_id = $1',
      [fileId],
    );
    return { version: rows[0].version, lastNumber: last[0].n };
  }

  async insertVersion(
    fileId: string,
    number: number,
    name: string,
    content: StoredContent,
    userId: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO file_versions (file_id, number, name, kind, media_type, size_bytes, sha256, store, storage_key, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        fileId,
        number,
        name,
        content.kind,
        content.mediaType,
        content.sizeBytes,
        content.sha256,
        content.store,
        content.storageKey,
        userId,
      ],
    );
    if (number > 1)
      await manager.query('UPDATE files SET version = version + 1, updated_at = clock_timestamp() WHERE id = $1', [
        fileId,
      ]);
  }

  async archive(fileId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE files SET archived_at = clock_timestamp(), archived_by = $2, version = version + 1 WHERE id = $1',
      [fileId, userId],
    );
  }
}

function toMeta(row: MetaRow, workgroupId: string | null): FileMeta {
  return {
    id: row.id,
    parentType: row.parentType,
    parentId: row.parentId,
    workgroupId,
    name: row.name,
    kind: row.kind,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    previewable: PREVIEWABLE_KINDS.includes(row.kind),
    versionCount: row.versionCount,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export type { FileDetail };
