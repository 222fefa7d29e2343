import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Werk- en kennissessies of a werkgroep: the session with its time and place, an ordered agenda (and a
 * backlog of proposed items in the same table), who was invited and who came, the minutes document, and
 * the besluitenlijst. `decision_actions` remembers which actions a decision created; an action comes from
 * at most one decision.
 */
export class CreateSessions1763900000005 implements MigrationInterface {
  name = 'CreateSessions1763900000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workgroup_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('werksessie', 'kennissessie', 'bestuurlijk_overleg')),
        state text NOT NULL DEFAULT 'concept' CHECK (state IN ('concept', 'geagendeerd', 'afgerond')),
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 190),
        description text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        location text,
        online_url text CHECK (online_url IS NULL OR online_url LIKE 'https://%'),
        minutes_document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
        sequence integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (ends_at > starts_at)
      );
      CREATE INDEX workgroup_sessions_workgroup_idx ON workgroup_sessions (workgroup_id, starts_at) WHERE deleted_at IS NULL;

      CREATE TABLE session_agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES workgroup_sessions(id) ON DELETE CASCADE,
        placement text NOT NULL CHECK (placement IN ('agenda', 'backlog')),
        position integer NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        description text NOT NULL DEFAULT '',
        presenter_id uuid REFERENCES users(id) ON DELETE SET NULL,
        presenter_name text CHECK (presenter_name IS NULL OR length(presenter_name) BETWEEN 1 AND 200),
        minutes_allotted integer CHECK (minutes_allotted IS NULL OR minutes_allotted BETWEEN 1 AND 480),
        outcome text CHECK (outcome IS NULL OR outcome IN ('informatie', 'besluit', 'actie')),
        proposed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX session_agenda_items_session_idx ON session_agenda_items (session_id, placement, position);

      CREATE TABLE session_attendees (
        session_id uuid NOT NULL REFERENCES workgroup_sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'uitgenodigd' CHECK (status IN ('uitgenodigd', 'aanwezig', 'afwezig', 'afgemeld')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      );

      CREATE TABLE session_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES workgroup_sessions(id) ON DELETE CASCADE,
        agenda_item_id uuid REFERENCES session_agenda_items(id) ON DELETE SET NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 3 AND 4000),
        decided_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX session_decisions_session_idx ON session_decisions (session_id, decided_at);

      CREATE TABLE decision_actions (
        decision_id uuid NOT NULL REFERENCES session_decisions(id) ON DELETE CASCADE,
        action_id uuid NOT NULL UNIQUE REFERENCES actions(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (decision_id, action_id)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE decision_actions; DROP TABLE session_decisions; DROP TABLE session_attendees; DROP TABLE session_agenda_items; DROP TABLE workgroup_sessions;',
    );
  }
}
