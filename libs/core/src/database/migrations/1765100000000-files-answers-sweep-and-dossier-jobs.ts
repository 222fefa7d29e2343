import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files and records, completed (docs/files.md, docs/exports.md):
 * - a consultation answer can carry attachments: it gets an id of its own (its key stays the pair
 *   consultation, organisation) and `consultation_answer` becomes an allowed file parent;
 * - every chunk records when it was written, so the sweep can remove the chunks of uploads that never
 *   finished (a crash mid-upload) once they are old enough;
 * - the dossier ZIP is written in chunks through the file store (`storage_key`) instead of a bytea column,
 *   and its job row says which instance is building it and when it last made progress (`heartbeat_at`), so a
 *   job left behind by a crashed instance is picked up again, once, by another (or the restarted) instance.
 */
export class FilesAnswersSweepAndDossierJobs1765100000000 implements MigrationInterface {
  name = 'FilesAnswersSweepAndDossierJobs1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE consultation_responses ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
      CREATE UNIQUE INDEX consultation_responses_id_key ON consultation_responses (id);

      ALTER TABLE files DROP CONSTRAINT files_parent_type_check;
      ALTER TABLE files ADD CONSTRAINT files_parent_type_check
        CHECK (parent_type IN ('workgroup', 'session', 'agenda_item', 'knowledge_item', 'action', 'consultation_answer'));

      ALTER TABLE file_chunks ADD COLUMN created_at timestamptz NOT NULL DEFAULT clock_timestamp();
      CREATE INDEX file_chunks_first_idx ON file_chunks (created_at) WHERE seq = 0;
      CREATE INDEX file_versions_storage_key_idx ON file_versions (storage_key);

      ALTER TABLE workgroup_dossiers
        ADD COLUMN storage_key text,
        ADD COLUMN claimed_by text,
        ADD COLUMN heartbeat_at timestamptz,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0;
      CREATE INDEX workgroup_dossiers_open_idx ON workgroup_dossiers (created_at) WHERE status IN ('wachtend', 'bezig');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX workgroup_dossiers_open_idx;
      ALTER TABLE workgroup_dossiers DROP COLUMN storage_key, DROP COLUMN claimed_by, DROP COLUMN heartbeat_at,
        DROP COLUMN attempts;
      DROP INDEX file_versions_storage_key_idx;
      DROP INDEX file_chunks_first_idx;
      ALTER TABLE file_chunks DROP COLUMN created_at;
      ALTER TABLE files DROP CONSTRAINT files_parent_type_check;
      ALTER TABLE files ADD CONSTRAINT files_parent_type_check
        CHECK (parent_type IN ('workgroup', 'session', 'agenda_item', 'knowledge_item', 'action'));
      DROP INDEX consultation_responses_id_key;
      ALTER TABLE consultation_responses DROP COLUMN id;
    `);
  }
}
