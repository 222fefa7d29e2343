import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search's part-of-word match ("drugs" in "drugscriminaliteit") read a stored list of a text's distinct
 * words instead of the text itself (docs/search.md, "Speed"; docs/benchmarks.md, "Search").
 *
 * `ILIKE '%part%'` over `title || ' ' || description` concatenated and lower-cased the whole text again for
 * every term and every candidate row a trigram index scan returned; for a 900-word document that is 6 kB per
 * row and term. `search_words` holds the text's distinct lower-case words (the `simple` text-search parser's
 * tokens, hyphenated words whole and in parts), so a part of a word is a plain `LIKE` over a short text with
 * its trigram index, and needs no lower-casing. A word cannot span a space, so for single words the answer is
 * the same as before; quoted phrases (with a space) still match the text itself.
 *
 * The trigram indexes on the texts (1765010000000) are replaced by trigram indexes on these columns. Like
 * `search_vector`, the column is left out of the row-version comparison (1765090000002).
 */
export class StoredSearchWords1765110000000 implements MigrationInterface {
  name = 'StoredSearchWords1765110000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION search_words(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT array_to_string(tsvector_to_array(to_tsvector('simple'::regconfig, coalesce(body, ''))), ' ') $$;

      DROP INDEX actions_search_trgm_idx, workgroup_sessions_search_trgm_idx, session_agenda_items_search_trgm_idx,
        session_decisions_search_trgm_idx, document_search_texts_trgm_idx;

      ALTER TABLE actions ADD COLUMN search_words text
        GENERATED ALWAYS AS (search_words(title || ' ' || description)) STORED;
      CREATE INDEX actions_search_words_idx ON actions USING GIN (search_words gin_trgm_ops) WHERE deleted_at IS NULL;

      ALTER TABLE workgroup_sessions ADD COLUMN search_words text
        GENERATED ALWAYS AS (search_words(title || ' ' || description || ' ' || coalesce(location, ''))) STORED;
      CREATE INDEX workgroup_sessions_search_words_idx ON workgroup_sessions USING GIN (search_words gin_trgm_ops)
        WHERE deleted_at IS NULL;

      ALTER TABLE session_agenda_items ADD COLUMN search_words text
        GENERATED ALWAYS AS (search_words(title || ' ' || description)) STORED;
      CREATE INDEX session_agenda_items_search_words_idx ON session_agenda_items USING GIN (search_words gin_trgm_ops);

      ALTER TABLE session_decisions ADD COLUMN search_words text GENERATED ALWAYS AS (search_words(text)) STORED;
      CREATE INDEX session_decisions_search_words_idx ON session_decisions USING GIN (search_words gin_trgm_ops);

      ALTER TABLE document_search_texts ADD COLUMN search_words text GENERATED ALWAYS AS (search_words(body)) STORED;
      CREATE INDEX document_search_texts_search_words_idx ON document_search_texts USING GIN (search_words gin_trgm_ops);
    `);
    for (const [table, ...ignored] of TRIGGERS) await recreateVersionTrigger(db, table, [...ignored, 'search_words']);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table, ...ignored] of TRIGGERS) await recreateVersionTrigger(db, table, ignored);
    await db.query(`
      ALTER TABLE actions DROP COLUMN search_words;
      ALTER TABLE workgroup_sessions DROP COLUMN search_words;
      ALTER TABLE session_agenda_items DROP COLUMN search_words;
      ALTER TABLE session_decisions DROP COLUMN search_words;
      ALTER TABLE document_search_texts DROP COLUMN search_words;
      DROP FUNCTION search_words(text);
      CREATE INDEX actions_search_trgm_idx ON actions
        USING GIN ((title || ' ' || description) gin_trgm_ops) WHERE deleted_at IS NULL;
      CREATE INDEX workgroup_sessions_search_trgm_idx ON workgroup_sessions
        USING GIN ((title || ' ' || description || ' ' || coalesce(location, '')) gin_trgm_ops) WHERE deleted_at IS NULL;
      CREATE INDEX session_agenda_items_search_trgm_idx ON session_agenda_items
        USING GIN ((title || ' ' || description) gin_trgm_ops);
      CREATE INDEX session_decisions_search_trgm_idx ON session_decisions USING GIN (text gin_trgm_ops);
      CREATE INDEX document_search_texts_trgm_idx ON document_search_texts USING GIN (body gin_trgm_ops);
    `);
  }
}

/** Table, then the columns its row-version trigger ignores so far (1765090000002). */
const TRIGGERS: string[][] = [
  ['actions', 'search_vector'],
  ['workgroup_sessions', 'sequence', 'updated_at', 'search_vector'],
  ['session_agenda_items', 'position', 'updated_at', 'search_vector'],
  ['session_decisions', 'search_vector'],
];

async function recreateVersionTrigger(db: QueryRunner, table: string, ignored: string[]): Promise<void> {
  const args = ignored.map((column) => `'${column}'`).join(', ');
  await db.query(`
    DROP TRIGGER ${table}_version ON ${table};
    CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION koers_bump_version(${args});
  `);
}
