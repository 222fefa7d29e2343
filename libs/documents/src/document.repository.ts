import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentKind, DocumentMeta } from './document.model';
import { TransactionHost } from '@koers/core';

const SELECT_META = `SELECT id, workgroup_id AS "workgroupId", title, kind, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt", archived_at AS "archivedAt", version FROM documents`;

export interface PendingUpdate {
  documentId: string;
  data: Uint8Array;
  userId: string | null;
}

/** bytea arrives as Buffer from pg and as Uint8Array from PGlite. */
const bytes = (value: Buffer | Uint8Array): Uint8Array =>
  Buffer.isBuffer(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;

@Injectable()
export class DocumentRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  async findMeta(id: string): Promise<DocumentMeta | null> {
    const rows: DocumentMeta[] = await this.transactions.manager().query(`${SELECT_META} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  list(workgroupId: string, includeArchived: boolean): Promise<DocumentMeta[]> {
    return this.transactions
      .manager()
      .query(
        `${SELECT_META} WHERE workgroup_id = $1 ${includeArchived ? '' : 'AND archived_at IS NULL'} ORDER BY updated_at DESC, title`,
        [workgroupId],
      );
  }

  async insert(
    workgroupId: string,
    title: string,
    kind: DocumentKind,
    createdBy: string,
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO documents (workgroup_id, title, kind, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
      [workgroupId, title, kind, createdBy],
    );
    return rows[0].id;
  }

  async rename(id: string, title: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE documents SET title = $2, updated_at = now() WHERE id = $1', [id, title]);
  }

  async setArchived(id: string, archived: boolean, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE documents SET archived_at = ${archived ? 'now()' : 'NULL'}, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** Appends a batch of updates in one statement (group commit). Resolves once the rows are committed. */
  /**
   * Appends updates, touches the documents' timestamps and counts who wrote since the last version (for the
   * version history's "who changed what"), in ONE statement: one round trip and one commit per group-commit
   * batch, since the ack waits for it.
   */
  async appendUpdates(batch: PendingUpdate[], manager?: EntityManager): Promise<void> {
    if (!batch.length) return;
    const params: unknown[] = [];
    const values = batch.map((update) => {
      params.push(
        update.documentId,
        Buffer.from(update.data.buffer, update.data.byteOffset, update.data.byteLength),
        update.userId,
      );
      return `($${params.length - 2}::uuid, $${params.length - 1}::bytea, $${params.length}::uuid)`;
    });
    const counts = new Map<string, { documentId: string; userId: string; n: number }>();
    for (const u of batch) {
      if (!u.userId) continue;
      const key = `${u.documentId}:${u.userId}`;
      const entry = counts.get(key) ?? { documentId: u.documentId, userId: u.userId, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
    const contributions = [...counts.values()];
    params.push(
      [...new Set(batch.map((u) => u.documentId))],
      contributions.map((c) => c.documentId),
      contributions.map((c) => c.userId),
      contributions.map((c) => c.n),
    );
    const n = params.length;
    await this.transactions.manager(manager).query(
      `WITH appended AS (INSERT INTO document_updates (document_id, data, user_id) VALUES ${values.join(', ')}),
            touched AS (UPDATE documents SET updated_at = now() WHERE id = ANY($${n - 3}::uuid[])),
            counted AS (
              INSERT INTO document_contributions (document_id, user_id, updates, last_at)
              SELECT d, u, c, now() FROM unnest($${n - 2}::uuid[], $${n - 1}::uuid[], $${n}::int[]) AS t(d, u, c)
              ON CONFLICT (document_id, user_id) DO UPDATE SET updates = document_contributions.updates + EXCLUDED.updates, last_at = now())
       SELECT 1`,
      params,
    );
  }

  /**
   * The merged snapshot (if any) and every update not yet merged into it, in order. Not "updates with an id
   * above the snapshot's": with several writers an update can commit after a later id was merged, so
   * merged rows are deleted and everything left is the tail. (Applying an update twice is harmless in Yjs.)
   */
  async loadState(documentId: string): Promise<{ snapshot: Uint8Array | null; updates: Uint8Array[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const snapshots: Array<{ state: Buffer | Uint8Array }> = await manager.query(
        'SELECT state FROM document_snapshots WHERE document_id = $1',
        [documentId],
      );
      const rows: Array<{ data: Buffer | Uint8Array }> = await manager.query(
        'SELECT data FROM document_updates WHERE document_id = $1 ORDER BY id',
        [documentId],
      );
      return { snapshot: snapshots[0] ? bytes(snapshots[0].state) : null, updates: rows.map((r) => bytes(r.data)) };
    });
  }

  async countPendingUpdates(documentId: string): Promise<number> {
    const [{ n }] = await this.transactions
      .manager()
      .query('SELECT count(*) AS n FROM document_updates WHERE document_id = $1', [documentId]);
    return n;
  }

  /** Documents with updates waiting to be merged (for the periodic sweep). */
  async documentsWithPendingUpdates(minUpdates: number, limit: number): Promise<string[]> {
    const rows: Array<{ document_id: string }> = await this.transactions
      .manager()
      .query(
        'SELECT document_id FROM document_updates GROUP BY document_id HAVING count(*) >= $1 ORDER BY min(id) LIMIT $2',
        [minUpdates, limit],
      );
    return rows.map((r) => r.document_id);
  }

  /**
   * Folds the log into the snapshot under a per-document lock, deleting the merged rows in the same
   * transaction. `merge` computes the new state from the old snapshot and the updates.
   */
  async compact(
    documentId: string,
    merge: (snapshot: Uint8Array | null, updates: Uint8Array[]) => Promise<Uint8Array>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('koers:doc:' || $1)) AS locked`,
        [documentId],
      );
      if (!locked) return 0;
      const snapshots: Array<{ state: Buffer | Uint8Array }> = await manager.query(
        'SELECT state FROM document_snapshots WHERE document_id = $1 FOR UPDATE',
        [documentId],
      );
      const rows: Array<{ id: number; data: Buffer | Uint8Array }> = await manager.query(
        'SELECT id, data FROM document_updates WHERE document_id = $1 ORDER BY id',
        [documentId],
      );
      if (!rows.length) return 0;
      const lastId = rows[rows.length - 1].id;
      const state = await merge(
        snapshots[0] ? bytes(snapshots[0].state) : null,
        rows.map((r) => bytes(r.data)),
      );
      await manager.query(
        `INSERT INTO document_snapshots (document_id, state, last_update_id, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (document_id) DO UPDATE SET state = EXCLUDED.state, last_update_id = EXCLUDED.last_update_id, updated_at = now()`,
        [documentId, Buffer.from(state.buffer, state.byteOffset, state.byteLength), lastId],
      );
      // Exactly the merged rows: one that commits late (a lower id from another instance) stays for next time.
      await manager.query('DELETE FROM document_updates WHERE id = ANY($1)', [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
