import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications (the bell): assigned to me, due soon, overdue, a decision that concerns me.
 * `dedupe_key` makes a reminder idempotent: the scheduled job inserts with ON CONFLICT DO NOTHING, so a
 * reminder for one (action, kind, due date) reaches a person once, however often or wherever the job runs.
 */
export class CreateNotifications1763900000007 implements MigrationInterface {
  name = 'CreateNotifications1763900000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('toegewezen', 'binnenkort', 'verlopen', 'besluit')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        entity_type text,
        entity_id uuid,
        workgroup_id uuid REFERENCES workgroups(id) ON DELETE CASCADE,
        link text,
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        -- NULLs are distinct: only keyed notifications (reminders) are deduplicated.
        CONSTRAINT notifications_dedupe_key UNIQUE (user_id, dedupe_key)
      );
      CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
      CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE notifications;');
  }
}
