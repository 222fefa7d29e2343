import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The werkgroep's action list (actielijst): actions with owner, due date, status and origin; their change
 * history and short comment threads. An action that is blocked or cancelled must say why.
 */
export class CreateActions1763900000003 implements MigrationInterface {
  name = 'CreateActions1763900000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workgroup_id uuid NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        focus_area_id uuid REFERENCES focus_areas(id) ON DELETE SET NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        owner_organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
        due_date date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_uitvoering', 'geblokkeerd', 'afgerond', 'vervallen')),
        status_reason text,
        priority text NOT NULL DEFAULT 'normaal' CHECK (priority IN ('hoog', 'normaal', 'laag')),
        origin text NOT NULL DEFAULT 'vrij' CHECK (origin IN ('sessiebesluit', 'document', 'rvc_verzoek', 'vrij')),
        origin_note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        deleted_at timestamptz,
        CHECK (status NOT IN ('geblokkeerd', 'vervallen') OR length(trim(coalesce(status_reason, ''))) > 0)
      );
      CREATE INDEX actions_workgroup_idx ON actions (workgroup_id, status, due_date) WHERE deleted_at IS NULL;
      CREATE INDEX actions_owner_idx ON actions (owner_id, status, due_date) WHERE deleted_at IS NULL;
      CREATE INDEX actions_focus_area_idx ON actions (focus_area_id) WHERE deleted_at IS NULL;

      CREATE TABLE action_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        action_id uuid NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        changed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changes jsonb NOT NULL
      );
      CREATE INDEX action_changes_action_idx ON action_changes (action_id, changed_at);

      CREATE TABLE action_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX action_comments_action_idx ON action_comments (action_id, created_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE action_comments; DROP TABLE action_changes; DROP TABLE actions;');
  }
}
