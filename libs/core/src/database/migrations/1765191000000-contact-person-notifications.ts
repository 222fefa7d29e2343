import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_KINDS = `'toegewezen', 'binnenkort', 'verlopen', 'besluit', 'vermelding', 'rapportage_ingediend',
  'rapportage_teruggestuurd', 'rapportage_geaccepteerd', 'reactie', 'gevolgd'`;

/**
 * A notification kind for being named the contact person of an organisation in an inventory or a
 * consultation (docs/strategy-cycle.md): the named person is told in the bell and, when they allow it, by
 * e-mail, with a link to the page where they answer.
 */
export class ContactPersonNotifications1765191000000 implements MigrationInterface {
  name = 'ContactPersonNotifications1765191000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${OLD_KINDS}, 'contactpersoon'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM notifications WHERE kind = 'contactpersoon';
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${OLD_KINDS}));
    `);
  }
}
