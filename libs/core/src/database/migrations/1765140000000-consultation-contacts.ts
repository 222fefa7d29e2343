import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One rule for contact people in the strategy cycle (docs/strategy-cycle.md, "Contact people"): as in an
 * inventory, the secretariat names per asked organisation the users who answer a consultation for it. Until
 * now every active user of an asked gemeente was its contact. Existing consultations keep who could answer:
 * the then active users of each asked organisation become its named contacts, which the secretariat can trim.
 *
 * `consultation_changes` keeps the history of changes to a consultation after it was offered (deadline,
 * title, document, organisations added or removed), shown on its page; the audit log has the same facts.
 */
export class ConsultationContacts1765140000000 implements MigrationInterface {
  name = 'ConsultationContacts1765140000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE consultation_contacts (
        consultation_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (consultation_id, organisation_id, user_id),
        FOREIGN KEY (consultation_id, organisation_id)
          REFERENCES consultation_responses (consultation_id, organisation_id) ON DELETE CASCADE
      );
      CREATE INDEX consultation_contacts_user_idx ON consultation_contacts (user_id);

      INSERT INTO consultation_contacts (consultation_id, organisation_id, user_id)
      SELECT r.consultation_id, r.organisation_id, u.id
        FROM consultation_responses r
        JOIN users u ON u.organisation_id = r.organisation_id AND u.active;

      CREATE TABLE consultation_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        changed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object'),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        notified integer NOT NULL DEFAULT 0
      );
      CREATE INDEX consultation_changes_consultation_idx ON consultation_changes (consultation_id, changed_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE consultation_changes; DROP TABLE consultation_contacts;');
  }
}
