import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A progress report's texts are merged per field, never last-write-wins: `field_versions` records for each
 * field (`summary`, `focusAreas.<id>.status`, `focusAreas.<id>.narrative`) the report version that last
 * wrote it, so a save based on an older version conflicts only on the fields someone else changed since.
 */
export class TrackProgressReportFieldVersions1764750000001 implements MigrationInterface {
  name = 'TrackProgressReportFieldVersions1764750000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE progress_reports ADD COLUMN field_versions jsonb NOT NULL DEFAULT '{}'::jsonb;`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE progress_reports DROP COLUMN field_versions;');
  }
}
