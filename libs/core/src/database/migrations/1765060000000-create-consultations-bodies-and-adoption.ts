import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The strategy cycle around the plan itself:
 * - consultations: the concept strategy offered to a set of gemeenten (wensen en bedenkingen, art. 38b
 *   Politiewet) with a deadline; one row per asked organisation with the council's answer; the points the
 *   councils raised, each with the bureau's response (the "nota van beantwoording");
 * - adoption: the reference of the board's decision on the strategy; a werkgroep of an ended period is
 *   continued under a theme of the new strategy or discharged (archived_at: read-only, everything kept);
 * - governance bodies (RVC, regionale driehoek, adviescollege, DVC per district, stuurgroep, other) with
 *   their members; a body's meetings are sessions (workgroup_sessions) that belong to the body instead of a
 *   werkgroep, so agenda, attendance and decisions are the sessions' own tables.
 */
export class CreateConsultationsBodiesAndAdoption1765060000000 implements MigrationInterface {
  name = 'CreateConsultationsBodiesAndAdoption1765060000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE consultations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        document_reference text NOT NULL DEFAULT '',
        offered_on date NOT NULL,
        deadline date NOT NULL,
        closed_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        CHECK (deadline >= offered_on)
      );
      CREATE INDEX consultations_strategy_idx ON consultations (strategy_id);

      CREATE TABLE consultation_responses (
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        decided_on date,
        outcome text CHECK (outcome IS NULL OR outcome IN
          ('geen_wensen_of_bedenkingen', 'wensen', 'bedenkingen', 'wensen_en_bedenkingen')),
        text text NOT NULL DEFAULT '',
        decision_reference text NOT NULL DEFAULT '',
        entered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        on_behalf boolean NOT NULL DEFAULT false,
        answered_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consultation_id, organisation_id),
        CHECK ((outcome IS NULL) = (decided_on IS NULL))
      );
      CREATE INDEX consultation_responses_organisation_idx ON consultation_responses (organisation_id);

      CREATE TABLE consultation_points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('wens', 'bedenking')),
        text text NOT NULL CHECK (length(text) BETWEEN 3 AND 4000),
        response text CHECK (response IS NULL OR response IN ('verwerkt', 'niet_verwerkt')),
        reason text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        FOREIGN KEY (consultation_id, organisation_id)
          REFERENCES consultation_responses (consultation_id, organisation_id) ON DELETE CASCADE,
        CHECK (response IS DISTINCT FROM 'niet_verwerkt' OR length(reason) > 0)
      );
      CREATE INDEX consultation_points_consultation_idx ON consultation_points (consultation_id, organisation_id, position);

      ALTER TABLE strategies ADD COLUMN adoption_reference text NOT NULL DEFAULT '';
      ALTER TABLE workgroups
        ADD COLUMN archived_at timestamptz,
        ADD COLUMN archive_note text NOT NULL DEFAULT '';

      CREATE TABLE governance_bodies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions(id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('rvc', 'regionale_driehoek', 'adviescollege', 'dvc', 'stuurgroep', 'overig')),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        description text NOT NULL DEFAULT '',
        district_id uuid REFERENCES districts(id) ON DELETE RESTRICT,
        meetings_per_year_min integer CHECK (meetings_per_year_min IS NULL OR meetings_per_year_min BETWEEN 1 AND 52),
        meetings_per_year_max integer CHECK (meetings_per_year_max IS NULL OR meetings_per_year_max BETWEEN 1 AND 52),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        UNIQUE (region_id, name),
        CHECK (kind <> 'dvc' OR district_id IS NOT NULL),
        CHECK (meetings_per_year_max IS NULL OR meetings_per_year_min IS NULL OR meetings_per_year_max >= meetings_per_year_min)
      );

      CREATE TABLE governance_body_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body_id uuid NOT NULL REFERENCES governance_bodies(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        organisation_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT '',
        CHECK (num_nonnulls(user_id, organisation_id) = 1)
      );
      CREATE UNIQUE INDEX governance_body_members_user_idx ON governance_body_members (body_id, user_id) WHERE user_id IS NOT NULL;
      CREATE UNIQUE INDEX governance_body_members_org_idx ON governance_body_members (body_id, organisation_id) WHERE organisation_id IS NOT NULL;

      ALTER TABLE workgroup_sessions
        ALTER COLUMN workgroup_id DROP NOT NULL,
        ADD COLUMN body_id uuid REFERENCES governance_bodies(id) ON DELETE CASCADE,
        ADD CONSTRAINT workgroup_sessions_owner_check CHECK (num_nonnulls(workgroup_id, body_id) = 1);
      CREATE INDEX workgroup_sessions_body_idx ON workgroup_sessions (body_id, starts_at) WHERE body_id IS NOT NULL AND deleted_at IS NULL;

      CREATE TABLE body_meeting_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES workgroup_sessions(id) ON DELETE CASCADE,
        position integer NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
        reference text NOT NULL DEFAULT ''
      );
      CREATE INDEX body_meeting_documents_session_idx ON body_meeting_documents (session_id, position);
    `);
    // Optimistic concurrency as on every editable row (migration AddRowVersions).
    for (const table of ['consultations', 'consultation_points', 'governance_bodies'])
      await db.query(`CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION koers_bump_version('updated_at');`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE body_meeting_documents;
      DELETE FROM workgroup_sessions WHERE body_id IS NOT NULL;
      ALTER TABLE workgroup_sessions DROP CONSTRAINT workgroup_sessions_owner_check, DROP COLUMN body_id,
        ALTER COLUMN workgroup_id SET NOT NULL;
      DROP TABLE governance_body_members;
      DROP TABLE governance_bodies;
      ALTER TABLE workgroups DROP COLUMN archived_at, DROP COLUMN archive_note;
      ALTER TABLE strategies DROP COLUMN adoption_reference;
      DROP TABLE consultation_points;
      DROP TABLE consultation_responses;
      DROP TABLE consultations;
    `);
  }
}
