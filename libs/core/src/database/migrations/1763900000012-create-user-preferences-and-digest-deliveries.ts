import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's own settings (for now: the weekly e-mail digest, on unless they turn it off) and the
 * delivery record of the digest per person per ISO week. The record makes the digest idempotent: an
 * instance claims a (person, week) row before sending, so a restart or a second instance never sends
 * twice; a failed send is marked and claimed again by a later run.
 */
export class CreateUserPreferencesAndDigestDeliveries1763900000012 implements MigrationInterface {
  name = 'CreateUserPreferencesAndDigestDeliveries1763900000012';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        weekly_digest boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE digest_deliveries (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        -- ISO week in Europe/Amsterdam, e.g. 2026-W07
        iso_week text NOT NULL CHECK (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
        -- sending: claimed by a run; sent; empty: nothing waited, no mail; failed: retried by a later run
        status text NOT NULL CHECK (status IN ('sending', 'sent', 'empty', 'failed')),
        attempts integer NOT NULL DEFAULT 1,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        last_error text,
        PRIMARY KEY (user_id, iso_week)
      );
      CREATE INDEX digest_deliveries_week_idx ON digest_deliveries (iso_week, status);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE digest_deliveries; DROP TABLE user_preferences;');
  }
}
