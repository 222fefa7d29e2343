import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Strategies edited in the screens: who adopted it, what it says besides its themes (trends, principles,
 * selection criteria), which one the secretariat marks current when no adopted strategy covers today, and
 * themes and focus areas that are archived (kept for their actions, reports, indicators) instead of deleted.
 */
export class StrategyTextsCurrentAndArchive1763900001410 implements MigrationInterface {
  name = 'StrategyTextsCurrentAndArchive1763900001410';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE strategies
        ADD COLUMN adopted_by text NOT NULL DEFAULT '',
        ADD COLUMN trends text NOT NULL DEFAULT '',
        ADD COLUMN principles text NOT NULL DEFAULT '',
        ADD COLUMN selection_criteria text NOT NULL DEFAULT '';
      ALTER TABLE regions ADD COLUMN current_strategy_id uuid REFERENCES strategies(id) ON DELETE SET NULL;
      ALTER TABLE themes ADD COLUMN archived_at timestamptz;
      ALTER TABLE focus_areas ADD COLUMN archived_at timestamptz;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE focus_areas DROP COLUMN archived_at;
      ALTER TABLE themes DROP COLUMN archived_at;
      ALTER TABLE regions DROP COLUMN current_strategy_id;
      ALTER TABLE strategies DROP COLUMN adopted_by, DROP COLUMN trends, DROP COLUMN principles,
        DROP COLUMN selection_criteria;
    `);
  }
}
