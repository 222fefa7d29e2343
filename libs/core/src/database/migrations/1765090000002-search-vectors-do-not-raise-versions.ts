import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A stored generated column is not yet computed when a BEFORE UPDATE trigger runs, so the row-version trigger
 * saw every update of a table with a `search_vector` as a change and raised the version even when nothing a
 * person edits changed. The vector is left out of the comparison, as knowledge_items' already is.
 */
export class SearchVectorsDoNotRaiseVersions1765090000002 implements MigrationInterface {
  name = 'SearchVectorsDoNotRaiseVersions1765090000002';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, ...ignored] of TRIGGERS) await recreate(db, table, [...ignored, 'search_vector']);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table, ...ignored] of TRIGGERS) await recreate(db, table, ignored);
  }
}

/** Table, then the columns its trigger already ignored (1764750000000-add-row-versions.ts). */
const TRIGGERS: string[][] = [
  ['actions'],
  ['workgroup_sessions', 'sequence', 'updated_at'],
  ['session_agenda_items', 'position', 'updated_at'],
  ['session_decisions'],
];

async function recreate(db: QueryRunner, table: string, ignored: string[]): Promise<void> {
  const args = ignored.map((column) => `'${column}'`).join(', ');
  await db.query(`
    DROP TRIGGER ${table}_version ON ${table};
    CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION koers_bump_version(${args});
  `);
}
