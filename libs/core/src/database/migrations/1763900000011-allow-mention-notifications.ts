import { MigrationInterface, QueryRunner } from 'typeorm';

/** A new notification kind, `vermelding`: someone mentioned you (@) in a comment on a document. */
export class AllowMentionNotifications1763900000011 implements MigrationInterface {
  name = 'AllowMentionNotifications1763900000011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('toegewezen', 'binnenkort', 'verlopen', 'besluit', 'vermelding'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM notifications WHERE kind = 'vermelding';
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('toegewezen', 'binnenkort', 'verlopen', 'besluit'));
    `);
  }
}
