import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search over everything (libs/search, docs/search.md): Dutch full-text search plus part-of-word
 * matching, so "drugs" and "criminaliteit" find "drugscriminaliteit" and "mensenh" finds "mensenhandel".
 *
 * - pg_trgm (contrib in PostgreSQL 15 and in PGlite, loaded there as an extension) gives trigram GIN
 *   indexes that serve `ILIKE '%part%'`.
 * - Every searched text is one expression per table, indexed twice: as a Dutch tsvector (stemming) and
 *   with trigrams (parts of words). The queries use exactly these expressions, so the indexes apply.
 * - A document's text lives in its Yjs state; `document_search_texts` holds its plain text, refreshed
 *   from the merged snapshot off the write path (libs/search, DocumentTextIndexer).
 */
export class CreateSearchIndexes1765010000000 implements MigrationInterface {
  name = 'CreateSearchIndexes1765010000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE FUNCTION knowledge_search_text(title text, tags text[], description text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT coalesce(title, '') || ' ' || coalesce(array_to_string(tags, ' '), '') || ' ' || coalesce(description, '') $$;
      CREATE INDEX knowledge_items_trgm_idx ON knowledge_items
        USING GIN (knowledge_search_text(title, tags, description) gin_trgm_ops);

      CREATE INDEX actions_search_fts_idx ON actions
        USING GIN (to_tsvector('dutch'::regconfig, title || ' ' || description)) WHERE deleted_at IS NULL;
      CREATE INDEX actions_search_trgm_idx ON actions
        USING GIN ((title || ' ' || description) gin_trgm_ops) WHERE deleted_at IS NULL;

      CREATE INDEX workgroup_sessions_search_fts_idx ON workgroup_sessions
        USING GIN (to_tsvector('dutch'::regconfig, title || ' ' || description || ' ' || coalesce(location, '')))
        WHERE deleted_at IS NULL;
      CREATE INDEX workgroup_sessions_search_trgm_idx ON workgroup_sessions
        USING GIN ((title || ' ' || description || ' ' || coalesce(location, '')) gin_trgm_ops) WHERE deleted_at IS NULL;

      CREATE INDEX session_agenda_items_search_fts_idx ON session_agenda_items
        USING GIN (to_tsvector('dutch'::regconfig, title || ' ' || description));
      CREATE INDEX session_agenda_items_search_trgm_idx ON session_agenda_items
        USING GIN ((title || ' ' || description) gin_trgm_ops);

      CREATE INDEX session_decisions_search_fts_idx ON session_decisions USING GIN (to_tsvector('dutch'::regconfig, text));
      CREATE INDEX session_decisions_search_trgm_idx ON session_decisions USING GIN (text gin_trgm_ops);

      CREATE INDEX documents_search_fts_idx ON documents USING GIN (to_tsvector('dutch'::regconfig, title));
      CREATE INDEX documents_search_trgm_idx ON documents USING GIN (title gin_trgm_ops);

      CREATE INDEX users_search_trgm_idx ON users USING GIN ((display_name || ' ' || job_title) gin_trgm_ops);
      CREATE INDEX organisations_search_trgm_idx ON organisations USING GIN (name gin_trgm_ops);

      CREATE TABLE document_search_texts (
        document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        body text NOT NULL,
        -- The snapshot this text was taken from (document_snapshots.updated_at): newer snapshots are re-read.
        snapshot_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_search_texts_fts_idx ON document_search_texts USING GIN (to_tsvector('dutch'::regconfig, body));
      CREATE INDEX document_search_texts_trgm_idx ON document_search_texts USING GIN (body gin_trgm_ops);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE document_search_texts;
      DROP INDEX organisations_search_trgm_idx, users_search_trgm_idx, documents_search_trgm_idx,
        documents_search_fts_idx, session_decisions_search_trgm_idx, session_decisions_search_fts_idx,
        session_agenda_items_search_trgm_idx, session_agenda_items_search_fts_idx,
        workgroup_sessions_search_trgm_idx, workgroup_sessions_search_fts_idx, actions_search_trgm_idx,
        actions_search_fts_idx, knowledge_items_trgm_idx;
      DROP FUNCTION knowledge_search_text(text, text[], text);
    `);
  }
}
