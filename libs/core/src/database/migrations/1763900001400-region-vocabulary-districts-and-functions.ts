import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a new region needs to set itself up: its own words (what the strategy, the board and the bureau are
 * called, "prioriteit" or "thema"), whether it is the demo region, the organisation types real regions have,
 * and functions as a list the secretariat extends instead of a fixed CHECK.
 */
export class RegionVocabularyDistrictsAndFunctions1763900001400 implements MigrationInterface {
  name = 'RegionVocabularyDistrictsAndFunctions1763900001400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE regions
        ADD COLUMN strategy_name text NOT NULL DEFAULT 'Regionale Veiligheidsstrategie',
        ADD COLUMN strategy_abbreviation text NOT NULL DEFAULT 'RVS',
        ADD COLUMN board_name text NOT NULL DEFAULT 'Regionaal Veiligheidscollege',
        ADD COLUMN board_abbreviation text NOT NULL DEFAULT 'RVC',
        ADD COLUMN bureau_name text NOT NULL DEFAULT 'Bureau RVS',
        ADD COLUMN theme_singular text NOT NULL DEFAULT 'prioriteit',
        ADD COLUMN theme_plural text NOT NULL DEFAULT 'prioriteiten',
        ADD COLUMN demo boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
      -- An existing installation with the demo accounts is the demo region.
      UPDATE regions SET demo = true
       WHERE EXISTS (SELECT 1 FROM users WHERE lower(email) = 'secretariaat@demo.koers.nl');

      ALTER TABLE organisations DROP CONSTRAINT organisations_type_check;
      ALTER TABLE organisations ADD CONSTRAINT organisations_type_check CHECK (type IN (
        'gemeente', 'openbaar_ministerie', 'politie', 'belastingdienst', 'riec', 'zorg_en_veiligheidshuis',
        'ggd', 'provincie', 'rijk', 'partner', 'bureau'));

      CREATE TABLE user_functions (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]{2,60}$'),
        label text NOT NULL UNIQUE,
        position integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO user_functions (code, label, position) VALUES
        ('burgemeester', 'Burgemeester', 1),
        ('officier_van_justitie', 'Officier van justitie', 2),
        ('hoofdofficier', 'Hoofdofficier van justitie', 3),
        ('sectorhoofd_politie', 'Sectorhoofd politie', 4),
        ('districtschef', 'Districtschef politie', 5),
        ('politiechef', 'Politiechef', 6),
        ('belastingdienst', 'Belastingdienst', 7),
        ('ambtenaar', 'Ambtenaar', 8),
        ('partner', 'Partner', 9),
        ('secretariaat', 'Secretariaat', 10),
        ('overig', 'Overig', 11);
      ALTER TABLE users DROP CONSTRAINT users_function_check;
      ALTER TABLE users ADD CONSTRAINT users_function_fkey FOREIGN KEY (function) REFERENCES user_functions(code);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users DROP CONSTRAINT users_function_fkey;
      UPDATE users SET function = 'overig' WHERE function NOT IN ('burgemeester', 'officier_van_justitie',
        'sectorhoofd_politie', 'belastingdienst', 'ambtenaar', 'partner', 'secretariaat', 'overig');
      ALTER TABLE users ADD CONSTRAINT users_function_check CHECK (function IN ('burgemeester', 'officier_van_justitie',
        'sectorhoofd_politie', 'belastingdienst', 'ambtenaar', 'partner', 'secretariaat', 'overig'));
      DROP TABLE user_functions;
      UPDATE organisations SET type = 'partner' WHERE type IN ('riec', 'zorg_en_veiligheidshuis', 'ggd', 'provincie', 'rijk');
      ALTER TABLE organisations DROP CONSTRAINT organisations_type_check;
      ALTER TABLE organisations ADD CONSTRAINT organisations_type_check
        CHECK (type IN ('gemeente', 'openbaar_ministerie', 'politie', 'belastingdienst', 'partner', 'bureau'));
      ALTER TABLE regions DROP COLUMN strategy_name, DROP COLUMN strategy_abbreviation, DROP COLUMN board_name,
        DROP COLUMN board_abbreviation, DROP COLUMN bureau_name, DROP COLUMN theme_singular, DROP COLUMN theme_plural,
        DROP COLUMN demo, DROP COLUMN updated_at;
    `);
  }
}
