import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments (docs/files.md). A file hangs on a parent addressed as (parent_type, parent_id), so no foreign
 * key: a new kind of parent needs only a new allowed value. Every upload is a version with its own name,
 * type, size and SHA-256; the bytes live in a store named per version (`postgres`: rows of at most 256 KiB
 * in file_chunks, written and read one at a time). Chunks are written before their version row exists, so
 * file_chunks has no foreign key either; a failed upload deletes its own chunks.
 */
export class CreateFiles1765070000000 implements MigrationInterface {
  name = 'CreateFiles1765070000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_type text NOT NULL
          CHECK (parent_type IN ('workgroup', 'session', 'agenda_item', 'knowledge_item', 'action')),
        parent_id uuid NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        archived_at timestamptz,
        archived_by uuid REFERENCES users(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      );
      CREATE INDEX files_parent_idx ON files (parent_type, parent_id, created_at) WHERE archived_at IS NULL;

      CREATE TABLE file_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        kind text NOT NULL,
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        store text NOT NULL,
        storage_key text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (file_id, number)
      );

      CREATE TABLE file_chunks (
        blob_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (blob_id, seq)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE file_chunks; DROP TABLE file_versions; DROP TABLE files;');
  }
}
