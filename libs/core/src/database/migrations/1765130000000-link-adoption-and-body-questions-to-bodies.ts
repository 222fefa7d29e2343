import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sets `bodyId` on every answer of every inventory's questions to bodies: the body of the inventory's region
 * whose name equals the answer's text (case-insensitive), or null. Exported for its test.
 */
export const LINK_BODY_QUESTIONS = `
      UPDATE inventories i SET body_questions = (
        SELECT coalesce(jsonb_agg(
                 jsonb_set(q, '{answers}', coalesce((
                   SELECT jsonb_agg(a || jsonb_build_object('bodyId', (
                            SELECT b.id FROM governance_bodies b
                             WHERE lower(b.name) = lower(trim(a->>'body'))
                               AND (i.created_by IS NULL OR b.region_id = (
                                 SELECT o.region_id FROM users u JOIN organisations o ON o.id = u.organisation_id
                                  WHERE u.id = i.created_by))
                             ORDER BY b.created_at LIMIT 1)) ORDER BY n)
                     FROM jsonb_array_elements(coalesce(q->'answers', '[]'::jsonb)) WITH ORDINALITY AS x(a, n)
                 ), '[]'::jsonb)) ORDER BY m), '[]'::jsonb)
          FROM jsonb_array_elements(i.body_questions) WITH ORDINALITY AS y(q, m))
       WHERE jsonb_array_length(i.body_questions) > 0;
`;

/**
 * Issue 17, governance part: the adoption of a strategy names the governance body that adopted it and,
 * optionally, the meeting (a session of that body) where it did; the questions an inventory puts to bodies
 * link each answer to a governance body (`bodyId` in the JSON list) instead of only naming it in text.
 * Existing answers are linked where their text is the name of a body of the inventory's region
 * (case-insensitive); the others keep `bodyId: null` and their text.
 */
export class LinkAdoptionAndBodyQuestionsToBodies1765130000000 implements MigrationInterface {
  name = 'LinkAdoptionAndBodyQuestionsToBodies1765130000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE strategies
        ADD COLUMN adopted_by_body_id uuid REFERENCES governance_bodies(id) ON DELETE SET NULL,
        ADD COLUMN adopted_at_meeting_id uuid REFERENCES workgroup_sessions(id) ON DELETE SET NULL;
    `);
    await db.query(LINK_BODY_QUESTIONS);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE inventories i SET body_questions = (
        SELECT coalesce(jsonb_agg(
                 jsonb_set(q, '{answers}', coalesce((
                   SELECT jsonb_agg(a - 'bodyId' ORDER BY n)
                     FROM jsonb_array_elements(coalesce(q->'answers', '[]'::jsonb)) WITH ORDINALITY AS x(a, n)
                 ), '[]'::jsonb)) ORDER BY m), '[]'::jsonb)
          FROM jsonb_array_elements(i.body_questions) WITH ORDINALITY AS y(q, m))
       WHERE jsonb_array_length(i.body_questions) > 0;
      ALTER TABLE strategies DROP COLUMN adopted_at_meeting_id, DROP COLUMN adopted_by_body_id;
    `);
  }
}
