import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history of a session as its screen shows it: who changed what, when. One row per change to the
 * session itself, an agenda item, the attendance, the minutes or a decision, with the fields that changed
 * (`{ field: { from, to } }`) and, for an agenda item or a person, what it was about (`subject`). Written in
 * the same transaction as the change and its audit entry; the audit log stays the legal record.
 */
export class CreateSessionChanges1765030000000 implements MigrationInterface {
  name = 'CreateSessionChanges1765030000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE session_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES workgroup_sessions(id) ON DELETE CASCADE,
        changed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        kind text NOT NULL,
        subject text,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX session_changes_session_idx ON session_changes (session_id, changed_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE session_changes');
  }
}
