import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a reporting cycle after its RVC meeting seals the bundle the board received: the JSON and the PDF
 * are stored as bytes with their SHA-256, append-only (the trigger of the report versions refuses UPDATE,
 * DELETE and TRUNCATE), and the closed cycle itself can no longer be changed. Board records never change.
 */
export class SealClosedReportingCycles1764750000002 implements MigrationInterface {
  name = 'SealClosedReportingCycles1764750000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE reporting_cycles
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by uuid REFERENCES users(id) ON DELETE RESTRICT;

      CREATE TABLE reporting_cycle_seals (
        cycle_id uuid PRIMARY KEY REFERENCES reporting_cycles(id) ON DELETE RESTRICT,
        bundle_json bytea NOT NULL,
        json_sha256 text NOT NULL CHECK (json_sha256 ~ '^[0-9a-f]{64}$'),
        bundle_pdf bytea NOT NULL,
        pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        sealed_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        sealed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TRIGGER reporting_cycle_seals_immutable BEFORE UPDATE OR DELETE ON reporting_cycle_seals
        FOR EACH ROW EXECUTE FUNCTION reporting_refuse_change();
      CREATE TRIGGER reporting_cycle_seals_no_truncate BEFORE TRUNCATE ON reporting_cycle_seals
        FOR EACH STATEMENT EXECUTE FUNCTION reporting_refuse_change();

      CREATE FUNCTION reporting_cycle_refuse_change_when_closed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.closed_at IS NOT NULL THEN
          RAISE EXCEPTION 'reporting cycle % is closed', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END
      $$;
      CREATE TRIGGER reporting_cycles_closed_read_only BEFORE UPDATE OR DELETE ON reporting_cycles
        FOR EACH ROW EXECUTE FUNCTION reporting_cycle_refuse_change_when_closed();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER reporting_cycles_closed_read_only ON reporting_cycles;
      DROP FUNCTION reporting_cycle_refuse_change_when_closed();
      DROP TABLE reporting_cycle_seals;
      ALTER TABLE reporting_cycles DROP COLUMN closed_by, DROP COLUMN closed_at;
    `);
  }
}
