import { MigrationInterface, QueryRunner } from 'typeorm';

/** Strategy -> themes (priorities) -> focus areas (onderdelen); one werkgroep per theme, with members. */
export class CreateStrategiesAndWorkgroups1763900000002 implements MigrationInterface {
  name = 'CreateStrategiesAndWorkgroups1763900000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE strategies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions(id) ON DELETE RESTRICT,
        title text NOT NULL,
        motto text NOT NULL DEFAULT '',
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'consultatie', 'vastgesteld', 'afgesloten')),
        adopted_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end > period_start),
        UNIQUE (region_id, title)
      );
      CREATE TABLE themes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE RESTRICT,
        position integer NOT NULL CHECK (position > 0),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        requires_tax_authority boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (strategy_id, title)
      );
      CREATE INDEX themes_strategy_idx ON themes (strategy_id, position);
      CREATE TABLE focus_areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position > 0),
        title text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (theme_id, title)
      );
      CREATE INDEX focus_areas_theme_idx ON focus_areas (theme_id, position);
      CREATE TABLE workgroups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        theme_id uuid NOT NULL UNIQUE REFERENCES themes(id) ON DELETE RESTRICT,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE workgroup_members (
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('aanjager', 'lid', 'ambtelijk', 'gast', 'waarnemer')),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workgroup_id, user_id)
      );
      CREATE INDEX workgroup_members_user_idx ON workgroup_members (user_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE workgroup_members; DROP TABLE workgroups; DROP TABLE focus_areas; DROP TABLE themes; DROP TABLE strategies;`,
    );
  }
}
