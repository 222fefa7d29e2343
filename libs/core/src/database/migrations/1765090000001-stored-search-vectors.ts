import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search's Dutch tsvectors stored beside the text (generated columns) instead of indexed as expressions.
 * With expression indexes every candidate row's vector was computed again to recheck and to rank it: the
 * search benchmark spent seconds on a common word (docs/benchmarks.md, "Search"). A stored vector is read,
 * not computed; it follows every change of its text by itself. Nothing selects these columns but the search.
 */
export class StoredSearchVectors1765090000001 implements MigrationInterface {
  name = 'StoredSearchVectors1765090000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX actions_search_fts_idx, workgroup_sessions_search_fts_idx, session_agenda_items_search_fts_idx,
        session_decisions_search_fts_idx, document_search_texts_fts_idx;

      ALTER TABLE actions ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, title || ' ' || description)) STORED;
      CREATE INDEX actions_search_vector_idx ON actions USING GIN (search_vector) WHERE deleted_at IS NULL;

      ALTER TABLE workgroup_sessions ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, title || ' ' || description || ' ' || coalesce(location, ''))) STORED;
      CREATE INDEX workgroup_sessions_search_vector_idx ON workgroup_sessions USING GIN (search_vector)
        WHERE deleted_at IS NULL;

      ALTER TABLE session_agenda_items ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, title || ' ' || description)) STORED;
      CREATE INDEX session_agenda_items_search_vector_idx ON session_agenda_items USING GIN (search_vector);

      ALTER TABLE session_decisions ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, text)) STORED;
      CREATE INDEX session_decisions_search_vector_idx ON session_decisions USING GIN (search_vector);

      ALTER TABLE document_search_texts ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, body)) STORED;
      CREATE INDEX document_search_texts_search_vector_idx ON document_search_texts USING GIN (search_vector);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE actions DROP COLUMN search_vector;
      ALTER TABLE workgroup_sessions DROP COLUMN search_vector;
      ALTER TABLE session_agenda_items DROP COLUMN search_vector;
      ALTER TABLE session_decisions DROP COLUMN search_vector;
      ALTER TABLE document_search_texts DROP COLUMN search_vector;
      CREATE INDEX actions_search_fts_idx ON actions
        USING GIN (to_tsvector('dutch'::regconfig, title || ' ' || description)) WHERE deleted_at IS NULL;
      CREATE INDEX workgroup_sessions_search_fts_idx ON workgroup_sessions
        USING GIN (to_tsvector('dutch'::regconfig, title || ' ' || description || ' ' || coalesce(location, '')))
        WHERE deleted_at IS NULL;
      CREATE INDEX session_agenda_items_search_fts_idx ON session_agenda_items
        USING GIN (to_tsvector('dutch'::regconfig, title || ' ' || description));
      CREATE INDEX session_decisions_search_fts_idx ON session_decisions USING GIN (to_tsvector('dutch'::regconfig, text));
      CREATE INDEX document_search_texts_fts_idx ON document_search_texts USING GIN (to_tsvector('dutch'::regconfig, body));
    `);
  }
}
