import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collaborative documents. Content lives only as Yjs updates: every accepted update is appended to
 * `document_updates` before it is acknowledged; a background merge folds them into `document_snapshots`
 * (one merged state per document, with the id of the last update it contains) and deletes the merged rows
 * in the same transaction. Loading reads the snapshot plus the tail of the log.
 */
export class CreateDocuments1763900000004 implements MigrationInterface {
  name = 'CreateDocuments1763900000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('plan_van_aanpak', 'verslag', 'notitie', 'voortgangsrapportage')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz
      );
      CREATE INDEX documents_workgroup_idx ON documents (workgroup_id, archived_at, updated_at DESC);

      CREATE TABLE document_updates (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        data bytea NOT NULL,
        user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_updates_document_idx ON document_updates (document_id, id);

      CREATE TABLE document_snapshots (
        document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        state bytea NOT NULL,
        last_update_id bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE document_snapshots; DROP TABLE document_updates; DROP TABLE documents;');
  }
}
