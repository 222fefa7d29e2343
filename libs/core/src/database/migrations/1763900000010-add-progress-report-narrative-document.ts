import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A progress report's narrative is a collaborative document (kind voortgangsrapportage) in the werkgroep;
 * the report points to it. Reports created before this migration have none (NULL).
 */
export class AddProgressReportNarrativeDocument1763900000010 implements MigrationInterface {
  name = 'AddProgressReportNarrativeDocument1763900000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE progress_reports ADD COLUMN narrative_document_id uuid UNIQUE REFERENCES documents(id) ON DELETE RESTRICT;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE progress_reports DROP COLUMN narrative_document_id;');
  }
}
