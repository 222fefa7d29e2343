import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log. No foreign keys: an entry must outlive what it describes. A trigger refuses
 * UPDATE, DELETE and TRUNCATE, so the log is append-only for the application's own database user too.
 */
export class CreateAppendOnlyAuditLog1763900000001 implements MigrationInterface {
  name = 'CreateAppendOnlyAuditLog1763900000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        workgroup_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
        summary jsonb NOT NULL DEFAULT '{}'::jsonb,
        ip text
      );
      CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at DESC, id DESC);
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, occurred_at DESC);
      CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
      CREATE INDEX audit_log_workgroup_idx ON audit_log (workgroup_id, occurred_at DESC);

      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END
      $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log; DROP FUNCTION audit_log_refuse_change();`);
  }
}
