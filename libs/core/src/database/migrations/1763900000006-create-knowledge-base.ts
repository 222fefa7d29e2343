import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The learning environment (lerende omgeving, the regional "apothekerskast"): per theme a library of
 * interventions and practices, the gemeenten that use each one, and Dutch full-text search over title,
 * tags and description.
 *
 * The search vector is a generated column built by an IMMUTABLE helper: `array_to_string` over the tags is
 * only STABLE, so it cannot appear in a generated column directly. The helper fixes the configuration to
 * 'dutch' (present in PostgreSQL 15 and in PGlite), which is what makes wrapping it IMMUTABLE correct.
 */
export class CreateKnowledgeBase1763900000006 implements MigrationInterface {
  name = 'CreateKnowledgeBase1763900000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION knowledge_search_vector(title text, tags text[], description text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$
          SELECT setweight(to_tsvector('dutch'::regconfig, coalesce(title, '')), 'A')
              || setweight(to_tsvector('dutch'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'B')
              || setweight(to_tsvector('dutch'::regconfig, coalesce(description, '')), 'C')
        $$;

      CREATE TABLE knowledge_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(trim(title)) BETWEEN 3 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
        owner_organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
        links jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(links) = 'array' AND jsonb_array_length(links) <= 20),
        status text NOT NULL DEFAULT 'in_gebruik' CHECK (status IN ('in_gebruik', 'pilot', 'afgerond')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (knowledge_search_vector(title, tags, description)) STORED
      );
      CREATE INDEX knowledge_items_theme_idx ON knowledge_items (theme_id, lower(title));
      CREATE INDEX knowledge_items_search_idx ON knowledge_items USING GIN (search_vector);
      CREATE INDEX knowledge_items_tags_idx ON knowledge_items USING GIN (tags);

      CREATE TABLE knowledge_item_gemeenten (
        knowledge_item_id uuid NOT NULL REFERENCES knowledge_items(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        PRIMARY KEY (knowledge_item_id, organisation_id)
      );
      CREATE INDEX knowledge_item_gemeenten_organisation_idx ON knowledge_item_gemeenten (organisation_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE knowledge_item_gemeenten; DROP TABLE knowledge_items; DROP FUNCTION knowledge_search_vector(text, text[], text);',
    );
  }
}
