import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The strategy cycle's first step and the bureau's money:
 * - an inventory (inventarisatie) of local priorities for a coming period: the organisations asked, their
 *   contact people, one response per organisation (ranked priorities and answers as JSON, draft or
 *   submitted, entered on behalf by the secretariat or not), and the selection that follows from it
 *   (criteria, proposed themes scored against them, questions to bodies and their answers, the
 *   secretariat's grouping of similar names), kept as JSON on the inventory: they are small lists edited
 *   as a whole;
 * - contributions per partner per year and the bureau's budget lines, in euro cents (bigint, never floats).
 */
export class CreateInventoriesAndFinance1765050000000 implements MigrationInterface {
  name = 'CreateInventoriesAndFinance1765050000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inventories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(trim(title)) BETWEEN 3 AND 200),
        period_start integer CHECK (period_start BETWEEN 2000 AND 2100),
        period_end integer CHECK (period_end BETWEEN 2000 AND 2100),
        deadline date NOT NULL,
        questions jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(questions) = 'array'),
        criteria jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(criteria) = 'array'),
        proposed_themes jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(proposed_themes) = 'array'),
        body_questions jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(body_questions) = 'array'),
        name_groups jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(name_groups) = 'array'),
        adopted_strategy_id uuid REFERENCES strategies(id) ON DELETE SET NULL,
        adopted_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE TABLE inventory_organisations (
        inventory_id uuid NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        PRIMARY KEY (inventory_id, organisation_id)
      );
      CREATE TABLE inventory_contacts (
        inventory_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (inventory_id, organisation_id, user_id),
        FOREIGN KEY (inventory_id, organisation_id) REFERENCES inventory_organisations(inventory_id, organisation_id) ON DELETE CASCADE
      );
      CREATE INDEX inventory_contacts_user_idx ON inventory_contacts (user_id);
      CREATE TABLE inventory_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inventory_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'ingediend')),
        priorities jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(priorities) = 'array' AND jsonb_array_length(priorities) <= 50),
        answers jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(answers) = 'array'),
        on_behalf boolean NOT NULL DEFAULT false,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (inventory_id, organisation_id),
        FOREIGN KEY (inventory_id, organisation_id) REFERENCES inventory_organisations(inventory_id, organisation_id) ON DELETE CASCADE
      );

      CREATE TABLE contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid REFERENCES organisations(id) ON DELETE RESTRICT,
        partner_type text NOT NULL CHECK (partner_type IN ('gemeente', 'openbaar_ministerie', 'politie', 'belastingdienst', 'partner', 'bureau')),
        label text NOT NULL DEFAULT '' CHECK (length(label) <= 200),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0 AND amount_cents < 100000000000000),
        basis text NOT NULL DEFAULT 'vast' CHECK (basis IN ('vast', 'per_inwoner')),
        inhabitants integer CHECK (inhabitants > 0),
        cents_per_inhabitant bigint CHECK (cents_per_inhabitant >= 0),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (organisation_id IS NOT NULL OR length(trim(label)) > 0),
        CHECK (basis = 'vast' OR (inhabitants IS NOT NULL AND cents_per_inhabitant IS NOT NULL))
      );
      CREATE UNIQUE INDEX contributions_organisation_year ON contributions (organisation_id, year) WHERE organisation_id IS NOT NULL;
      CREATE INDEX contributions_year_idx ON contributions (year, partner_type);
      CREATE TABLE budget_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        title text NOT NULL CHECK (length(trim(title)) BETWEEN 2 AND 200),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0 AND amount_cents < 100000000000000),
        position integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE INDEX budget_lines_year_idx ON budget_lines (year, position);
    `);
    // Optimistic concurrency as everywhere (AddRowVersions): the database raises `version` on each change.
    for (const table of ['inventories', 'inventory_responses', 'contributions', 'budget_lines']) {
      await db.query(
        `CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION koers_bump_version()`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE budget_lines; DROP TABLE contributions; DROP TABLE inventory_responses; DROP TABLE inventory_contacts; DROP TABLE inventory_organisations;
      DROP TABLE inventories;
    `);
  }
}
