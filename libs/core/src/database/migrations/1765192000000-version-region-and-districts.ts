import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optimistic concurrency for the region's own settings (AddRowVersions covers the rest): the region's words
 * and its districts get a `version` raised by the shared trigger. The region's default composition rules are
 * edited on a form of their own (PUT /api/region/composition-rules), so they have their own counter, raised
 * by the repository's UPDATE only when the rules change; the trigger leaves them (and `updated_at`) out, so
 * saving the rules never makes an open words form stale and the other way round.
 */
export class VersionRegionAndDistricts1765192000000 implements MigrationInterface {
  name = 'VersionRegionAndDistricts1765192000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE regions ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
      ALTER TABLE regions ADD COLUMN composition_rules_version integer NOT NULL DEFAULT 1
        CHECK (composition_rules_version > 0);
      CREATE TRIGGER regions_version BEFORE UPDATE ON regions
        FOR EACH ROW EXECUTE FUNCTION koers_bump_version('updated_at', 'default_composition_rules', 'composition_rules_version');
      ALTER TABLE districts ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
      CREATE TRIGGER districts_version BEFORE UPDATE ON districts
        FOR EACH ROW EXECUTE FUNCTION koers_bump_version();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER districts_version ON districts;
      ALTER TABLE districts DROP COLUMN version;
      DROP TRIGGER regions_version ON regions;
      ALTER TABLE regions DROP COLUMN composition_rules_version, DROP COLUMN version;
    `);
  }
}
