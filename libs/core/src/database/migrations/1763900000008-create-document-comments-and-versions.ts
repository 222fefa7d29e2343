import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments anchored to text (Yjs relative positions, with the quoted text kept so a comment stays readable
 * when its text is deleted), and named/automatic versions of a document with who contributed to each.
 */
export class CreateDocumentCommentsAndVersions1763900000008 implements MigrationInterface {
  name = 'CreateDocumentCommentsAndVersions1763900000008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE document_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES document_comments(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        anchor_start bytea,
        anchor_end bytea,
        quote text NOT NULL DEFAULT '',
        mentions uuid[] NOT NULL DEFAULT '{}',
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        CHECK (parent_id IS NULL OR (anchor_start IS NULL AND resolved_at IS NULL))
      );
      CREATE INDEX document_comments_document_idx ON document_comments (document_id, created_at);
      CREATE INDEX document_comments_parent_idx ON document_comments (parent_id);

      CREATE TABLE document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name text,
        kind text NOT NULL CHECK (kind IN ('handmatig', 'automatisch', 'herstel')),
        state bytea NOT NULL,
        contributors jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_versions_document_idx ON document_versions (document_id, created_at DESC);

      -- Who wrote how much since the last version; folded into the next version and cleared.
      CREATE TABLE document_contributions (
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        updates integer NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (document_id, user_id)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE document_contributions; DROP TABLE document_versions; DROP TABLE document_comments;');
  }
}
