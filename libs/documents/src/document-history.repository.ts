import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Dated, DocumentComment, DocumentVersion, VersionKind } from '@koers/contracts';
import { TransactionHost } from '@koers/core';

export type { VersionKind };

/** A version as the server holds it: the contract's `DocumentVersion` with its moment as `Date`. */
export type VersionRow = Dated<DocumentVersion, 'createdAt'>;
export type CommentRow = Dated<DocumentComment, 'resolvedAt' | 'createdAt' | 'editedAt'>;

const bytes = (value: Buffer | Uint8Array): Uint8Array =>
  Buffer.isBuffer(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
const toBuffer = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

const SELECT_COMMENT = `
  SELECT c.id, c.document_id AS "documentId", c.parent_id AS "parentId", c.author_id AS "authorId", u.display_name AS "authorName",
         c.body, encode(c.anchor_start, 'base64') AS "anchorStart", encode(c.anchor_end, 'base64') AS "anchorEnd", c.quote,
         c.mentions, c.resolved_at AS "resolvedAt", c.resolved_by AS "resolvedBy", c.created_at AS "createdAt", c.edited_at AS "editedAt", c.version
    FROM document_comments c LEFT JOIN users u ON u.id = c.author_id`;

/** Versions and comments of documents. */
@Injectable()
export class DocumentHistoryRepository {
  constructor(private readonly transactions: TransactionHost) {}

  listVersions(documentId: string): Promise<VersionRow[]> {
    return this.transactions.manager().query(
      `SELECT v.id, v.document_id AS "documentId", v.name, v.kind, v.contributors, v.created_by AS "createdBy",
              u.display_name AS "createdByName", v.created_at AS "createdAt"
         FROM document_versions v LEFT JOIN users u ON u.id = v.created_by
        WHERE v.document_id = $1 ORDER BY v.created_at DESC, v.id`,
      [documentId],
    );
  }

  async versionState(documentId: string, versionId: string): Promise<Uint8Array | null> {
    const rows: Array<{ state: Buffer | Uint8Array }> = await this.transactions
      .manager()
      .query('SELECT state FROM document_versions WHERE id = $1 AND document_id = $2', [versionId, documentId]);
    return rows[0] ? bytes(rows[0].state) : null;
  }

  async hasContributionsSinceLastVersion(documentId: string): Promise<boolean> {
    return (
      (
        await this.transactions
          .manager()
          .query('SELECT 1 FROM document_contributions WHERE document_id = $1 LIMIT 1', [documentId])
      ).length > 0
    );
  }

  /** Who contributed to the document since its last version. */
  async contributorIds(documentId: string, manager: EntityManager): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      'SELECT user_id FROM document_contributions WHERE document_id = $1',
      [documentId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Stores a version with the contributions since the previous one, and starts counting afresh. */
  async insertVersion(
    documentId: string,
    values: { name: string | null; kind: VersionKind; state: Uint8Array; createdBy: string | null },
    manager: EntityManager,
  ): Promise<string> {
    const contributors = await manager.query(
      `SELECT c.user_id AS "userId", u.display_name AS "displayName", c.updates, c.last_at AS "lastAt"
         FROM document_contributions c JOIN users u ON u.id = c.user_id WHERE c.document_id = $1 ORDER BY c.updates DESC`,
      [documentId],
    );
    await manager.query('DELETE FROM document_contributions WHERE document_id = $1', [documentId]);
    const rows: Array<{ id: string }> = await manager.query(
      'INSERT INTO document_versions (document_id, name, kind, state, contributors, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id',
      [documentId, values.name, values.kind, toBuffer(values.state), JSON.stringify(contributors), values.createdBy],
    );
    return rows[0].id;
  }

  listComments(documentId: string): Promise<CommentRow[]> {
    return this.transactions
      .manager()
      .query(`${SELECT_COMMENT} WHERE c.document_id = $1 ORDER BY c.created_at, c.id`, [documentId]);
  }

  async findComment(id: string): Promise<CommentRow | null> {
    const rows: CommentRow[] = await this.transactions.manager().query(`${SELECT_COMMENT} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async insertComment(
    values: {
      documentId: string;
      parentId: string | null;
      authorId: string;
      body: string;
      anchorStart: Uint8Array | null;
      anchorEnd: Uint8Array | null;
      quote: string;
      mentions: string[];
    },
    manager: EntityManager,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO document_comments (document_id, parent_id, author_id, body, anchor_start, anchor_end, quote, mentions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[]) RETURNING id`,
      [
        values.documentId,
        values.parentId,
        values.authorId,
        values.body,
        values.anchorStart && toBuffer(values.anchorStart),
        values.anchorEnd && toBuffer(values.anchorEnd),
        values.quote,
        values.mentions,
      ],
    );
    return rows[0].id;
  }

  async editComment(id: string, body: string, mentions: string[], manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE document_comments SET body = $2, mentions = $3::uuid[], edited_at = now() WHERE id = $1',
      [id, body, mentions],
    );
  }

  async setResolved(id: string, resolvedBy: string | null, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE document_comments SET resolved_at = ${resolvedBy ? 'now()' : 'NULL'}, resolved_by = $2 WHERE id = $1`,
      [id, resolvedBy],
    );
  }

  async deleteComment(id: string, manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM document_comments WHERE id = $1', [id]);
  }

  /** Which of these users still have an active account (only they are notified), read in the caller's transaction. */
  async activeUsersAmong(userIds: string[], manager: EntityManager): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: Array<{ id: string }> = await manager.query(
      'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active',
      [userIds],
    );
    return rows.map((r) => r.id);
  }

  /** Which of these users are members of the werkgroep (only they can be mentioned). */
  async membersAmong(workgroupId: string, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: Array<{ user_id: string }> = await this.transactions
      .manager()
      .query('SELECT user_id FROM workgroup_members WHERE workgroup_id = $1 AND user_id = ANY($2::uuid[])', [
        workgroupId,
        userIds,
      ]);
    return rows.map((r) => r.user_id);
  }
}
