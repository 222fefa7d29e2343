import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Body meetings (docs/strategy-cycle.md, "Governance bodies"):
 * - guests: people who attended but are not members of the body, either someone without a Koers account
 *   (name, organisation, function) or a Koers user. The name and organisation are kept as they were at the
 *   meeting, so the list stays true when the person is renamed, moves or leaves (user_id becomes null);
 * - `lists_revision` on the session row: raised whenever a body meeting's agenda, documents, decisions,
 *   attendance or guests change. Those live in other tables, and the row's version trigger only sees the
 *   row; this column makes a change to a list raise the meeting's version, so a stale edit form is refused.
 */
export class BodyMeetingGuestsAndListVersions1765191000001 implements MigrationInterface {
  name = 'BodyMeetingGuestsAndListVersions1765191000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE workgroup_sessions ADD COLUMN lists_revision integer NOT NULL DEFAULT 0;

      CREATE TABLE body_meeting_guests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES workgroup_sessions(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position > 0),
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        organisation text NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
        role text NOT NULL DEFAULT '' CHECK (length(role) <= 200),
        status text NOT NULL DEFAULT 'aanwezig' CHECK (status IN ('uitgenodigd', 'aanwezig', 'afwezig', 'afgemeld')),
        UNIQUE (session_id, user_id)
      );
      CREATE INDEX body_meeting_guests_session_idx ON body_meeting_guests (session_id, position);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE body_meeting_guests;
      ALTER TABLE workgroup_sessions DROP COLUMN lists_revision;
    `);
  }
}
