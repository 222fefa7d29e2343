import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A new progress report starts from the werkgroep's last accepted one (issue #12): `carried_over` keeps where
 * its words came from and the values taken over, so the report can say which fields are still carried over
 * unchanged. Written once, when the report is created.
 */
export class CarryOverProgressReports1765150000000 implements MigrationInterface {
  name = 'CarryOverProgressReports1765150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE progress_reports ADD COLUMN carried_over jsonb');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE progress_reports DROP COLUMN carried_over');
  }
}
