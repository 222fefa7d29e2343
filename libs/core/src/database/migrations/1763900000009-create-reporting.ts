import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting upward to the RVC: reporting cycles tied to an RVC meeting, indicators with measurements per
 * focus area, one progress report per werkgroep per cycle, and the versions frozen on every submit.
 * Versions and reviews are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, so a submitted
 * report cannot be changed afterwards, not even by the application's own database user.
 */
export class CreateReporting1763900000009 implements MigrationInterface {
  name = 'CreateReporting1763900000009';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reporting_cycles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        strategy_id uuid NOT NULL REFERENCES strategies(id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        meeting_date date NOT NULL,
        report_deadline date NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (report_deadline < meeting_date),
        CHECK (period_start < period_end AND period_end <= meeting_date)
      );
      CREATE INDEX reporting_cycles_strategy_idx ON reporting_cycles (strategy_id, meeting_date);

      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        focus_area_id uuid NOT NULL REFERENCES focus_areas(id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        description text NOT NULL DEFAULT '',
        unit text NOT NULL CHECK (unit IN ('aantal', 'percentage', 'euro', 'dagen')),
        baseline numeric,
        target numeric,
        direction text NOT NULL CHECK (direction IN ('hoger_is_beter', 'lager_is_beter')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (unit <> 'percentage' OR ((baseline IS NULL OR baseline BETWEEN 0 AND 100) AND (target IS NULL OR target BETWEEN 0 AND 100)))
      );
      CREATE INDEX indicators_workgroup_idx ON indicators (workgroup_id, focus_area_id) WHERE deleted_at IS NULL;

      CREATE TABLE indicator_measurements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        measured_on date NOT NULL,
        value numeric NOT NULL,
        source text NOT NULL DEFAULT '',
        entered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX indicator_measurements_indicator_idx ON indicator_measurements (indicator_id, measured_on DESC) WHERE deleted_at IS NULL;

      CREATE TABLE progress_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE RESTRICT,
        cycle_id uuid NOT NULL REFERENCES reporting_cycles(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'ingediend', 'geaccepteerd', 'teruggestuurd')),
        summary text NOT NULL DEFAULT '',
        focus_areas jsonb NOT NULL DEFAULT '[]'::jsonb,
        current_version integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workgroup_id, cycle_id)
      );
      CREATE INDEX progress_reports_cycle_idx ON progress_reports (cycle_id, status);

      CREATE TABLE progress_report_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES progress_reports(id) ON DELETE RESTRICT,
        version integer NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        figures jsonb NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        submitted_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (report_id, version)
      );

      -- The secretariat's verdict on a version: accepted, or returned with a comment. Append-only too.
      CREATE TABLE progress_report_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL UNIQUE REFERENCES progress_report_versions(id) ON DELETE RESTRICT,
        outcome text NOT NULL CHECK (outcome IN ('geaccepteerd', 'teruggestuurd')),
        comment text NOT NULL DEFAULT '',
        reviewed_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        CHECK (outcome <> 'teruggestuurd' OR length(trim(comment)) > 0)
      );

      CREATE FUNCTION reporting_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: a submitted report version cannot be changed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END
      $$;
      CREATE TRIGGER progress_report_versions_immutable BEFORE UPDATE OR DELETE ON progress_report_versions
        FOR EACH ROW EXECUTE FUNCTION reporting_refuse_change();
      CREATE TRIGGER progress_report_versions_no_truncate BEFORE TRUNCATE ON progress_report_versions
        FOR EACH STATEMENT EXECUTE FUNCTION reporting_refuse_change();
      CREATE TRIGGER progress_report_reviews_immutable BEFORE UPDATE OR DELETE ON progress_report_reviews
        FOR EACH ROW EXECUTE FUNCTION reporting_refuse_change();
      CREATE TRIGGER progress_report_reviews_no_truncate BEFORE TRUNCATE ON progress_report_reviews
        FOR EACH STATEMENT EXECUTE FUNCTION reporting_refuse_change();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE progress_report_reviews; DROP TABLE progress_report_versions; DROP TABLE progress_reports;
      DROP TABLE indicator_measurements; DROP TABLE indicators; DROP TABLE reporting_cycles;
      DROP FUNCTION reporting_refuse_change();
    `);
  }
}
