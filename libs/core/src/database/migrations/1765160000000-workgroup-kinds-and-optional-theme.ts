import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Werkgroepen of any shape (issue #14): a kind (werkgroep, stuurgroep, taskforce, overleg), several per theme,
 * and groups without a theme (a steering group, a cross-cutting overleg). Only groups with a theme report as a
 * priority; the others simply have no theme. Names stay unique (checked in WorkgroupService, case-insensitive).
 */
export class WorkgroupKindsAndOptionalTheme1765160000000 implements MigrationInterface {
  name = 'WorkgroupKindsAndOptionalTheme1765160000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE workgroups ADD COLUMN kind text NOT NULL DEFAULT 'werkgroep'
        CHECK (kind IN ('werkgroep', 'stuurgroep', 'taskforce', 'overleg'));
      ALTER TABLE workgroups ALTER COLUMN theme_id DROP NOT NULL;
      ALTER TABLE workgroups DROP CONSTRAINT IF EXISTS workgroups_theme_id_key;
      CREATE INDEX workgroups_theme_idx ON workgroups (theme_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX workgroups_theme_idx;
      DELETE FROM workgroups WHERE theme_id IS NULL;
      ALTER TABLE workgroups ALTER COLUMN theme_id SET NOT NULL;
      ALTER TABLE workgroups ADD CONSTRAINT workgroups_theme_id_key UNIQUE (theme_id);
      ALTER TABLE workgroups DROP COLUMN kind;
    `);
  }
}
