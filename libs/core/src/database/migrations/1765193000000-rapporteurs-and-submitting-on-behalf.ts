import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who reports (issue #14): a werkgroep names one or more members as `rapporteur`, who may submit the progress
 * report as the aanjager does; the secretariat may submit on behalf of a werkgroep, which each frozen version
 * records (`submitted_on_behalf`), so the report says "ingediend door <naam> namens <werkgroep>".
 */
export class RapporteursAndSubmittingOnBehalf1765193000000 implements MigrationInterface {
  name = 'RapporteursAndSubmittingOnBehalf1765193000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE workgroup_members DROP CONSTRAINT IF EXISTS workgroup_members_role_check;
      ALTER TABLE workgroup_members ADD CONSTRAINT workgroup_members_role_check
        CHECK (role IN ('aanjager', 'rapporteur', 'lid', 'ambtelijk', 'gast', 'waarnemer'));
      ALTER TABLE progress_report_versions ADD COLUMN submitted_on_behalf boolean NOT NULL DEFAULT false;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE progress_report_versions DROP COLUMN submitted_on_behalf;
      UPDATE workgroup_members SET role = 'lid' WHERE role = 'rapporteur';
      ALTER TABLE workgroup_members DROP CONSTRAINT IF EXISTS workgroup_members_role_check;
      ALTER TABLE workgroup_members ADD CONSTRAINT workgroup_members_role_check
        CHECK (role IN ('aanjager', 'lid', 'ambtelijk', 'gast', 'waarnemer'));
    `);
  }
}
