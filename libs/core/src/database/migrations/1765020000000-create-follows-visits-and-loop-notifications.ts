import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_KINDS = `'toegewezen', 'binnenkort', 'verlopen', 'besluit', 'vermelding'`;
const NEW_KINDS = `${OLD_KINDS}, 'rapportage_ingediend', 'rapportage_teruggestuurd', 'rapportage_geaccepteerd', 'reactie', 'gevolgd'`;

/**
 * Notifications that close every loop (issue 16): new kinds for progress reports (submitted, returned,
 * accepted), replies in a comment thread and changes to something one follows; a `detail` beside the
 * title (the secretariat's return comment); following documents, actions and sessions; the moment of a
 * person's last visit (for "wat is er veranderd sinds uw vorige bezoek"); and the choice to receive these
 * notifications by e-mail.
 */
export class CreateFollowsVisitsAndLoopNotifications1765020000000 implements MigrationInterface {
  name = 'CreateFollowsVisitsAndLoopNotifications1765020000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NEW_KINDS}));
      ALTER TABLE notifications ADD COLUMN detail text CHECK (length(detail) <= 2000);

      CREATE TABLE follows (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        entity_type text NOT NULL CHECK (entity_type IN ('document', 'action', 'session')),
        entity_id uuid NOT NULL,
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, entity_type, entity_id)
      );
      CREATE INDEX follows_entity_idx ON follows (entity_type, entity_id);

      -- One row per person: the moment they were last seen on the home page, and the end of the visit before
      -- the current one (what "since your last visit" counts from).
      CREATE TABLE user_visits (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        last_seen_at timestamptz NOT NULL,
        previous_visit_at timestamptz
      );

      ALTER TABLE user_preferences ADD COLUMN email_notifications boolean NOT NULL DEFAULT true;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE user_preferences DROP COLUMN email_notifications;
      DROP TABLE user_visits;
      DROP TABLE follows;
      ALTER TABLE notifications DROP COLUMN detail;
      DELETE FROM notifications WHERE kind NOT IN (${OLD_KINDS});
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${OLD_KINDS}));
    `);
  }
}
