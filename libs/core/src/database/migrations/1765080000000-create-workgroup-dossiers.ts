import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The werkgroep's dossier (docs/exports.md): one row per requested ZIP, its progress while it is being made
 * (any instance answers the polling from this row) and, when done, the ZIP itself with its SHA-256.
 */
export class CreateWorkgroupDossiers1765080000000 implements MigrationInterface {
  name = 'CreateWorkgroupDossiers1765080000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workgroup_dossiers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'wachtend' CHECK (status IN ('wachtend', 'bezig', 'klaar', 'mislukt')),
        done_items integer NOT NULL DEFAULT 0,
        total_items integer NOT NULL DEFAULT 0,
        error text,
        file_name text,
        size_bytes bigint,
        sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
        content bytea,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz
      );
      CREATE INDEX workgroup_dossiers_workgroup_idx ON workgroup_dossiers (workgroup_id, created_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE workgroup_dossiers');
  }
}
