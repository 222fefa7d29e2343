import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Optimistic concurrency: every editable row carries a `version` that the database raises by one on each
 * UPDATE of the row. One trigger function serves every table, so no repository can forget it; its
 * arguments name the columns whose change is bookkeeping, not an edit (login counters, ordering done through
 * another route, `updated_at` where a child's change touches it). A service that changes only a child table
 * (a knowledge item's gemeenten) still sets `updated_at`, which raises the version. Clients send the version they saw
 * (If-Match); a stale one is refused with 409 STALE_VERSION (see docs/api.md).
 */
export class AddRowVersions1764750000000 implements MigrationInterface {
  name = 'AddRowVersions1764750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION koers_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ignored text[] := ARRAY['version'] || TG_ARGV::text[];
      BEGIN
        IF (to_jsonb(NEW) - ignored) IS DISTINCT FROM (to_jsonb(OLD) - ignored) THEN
          NEW.version := OLD.version + 1;
        ELSE
          NEW.version := OLD.version;
        END IF;
        RETURN NEW;
      END
      $$;
    `);
    for (const [table, ...ignored] of VERSIONED_TABLES) {
      const args = ignored.map((column) => `'${column}'`).join(', ');
      await db.query(`
        ALTER TABLE ${table} ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
        CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION koers_bump_version(${args});
      `);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table] of VERSIONED_TABLES)
      await db.query(`DROP TRIGGER ${table}_version ON ${table}; ALTER TABLE ${table} DROP COLUMN version;`);
    await db.query('DROP FUNCTION koers_bump_version();');
  }
}

/** Table, then the columns whose change does not count as an edit. */
const VERSIONED_TABLES: string[][] = [
  ['organisations'],
  ['users', 'password_hash', 'failed_login_count', 'locked_until'],
  ['strategies'],
  ['themes'],
  ['focus_areas'],
  ['workgroups'],
  ['actions'],
  ['documents', 'updated_at'],
  ['workgroup_sessions', 'sequence', 'updated_at'],
  ['session_agenda_items', 'position', 'updated_at'],
  ['session_decisions'],
  ['knowledge_items', 'search_vector'],
  ['document_comments'],
  ['reporting_cycles'],
  ['indicators'],
  ['progress_reports'],
];
