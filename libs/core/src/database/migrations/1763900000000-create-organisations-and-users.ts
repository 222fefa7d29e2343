import { MigrationInterface, QueryRunner } from 'typeorm';

/** Region, its police districts, organisations, users and their login sessions. */
export class CreateOrganisationsAndUsers1763900000000 implements MigrationInterface {
  name = 'CreateOrganisationsAndUsers1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE regions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE districts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
        name text NOT NULL,
        UNIQUE (region_id, name)
      );
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_id uuid NOT NULL REFERENCES regions(id) ON DELETE RESTRICT,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('gemeente', 'openbaar_ministerie', 'politie', 'belastingdienst', 'partner', 'bureau')),
        district_id uuid REFERENCES districts(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (region_id, name)
      );
      CREATE INDEX organisations_district_idx ON organisations (district_id);
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        job_title text NOT NULL DEFAULT '',
        function text NOT NULL CHECK (function IN ('burgemeester', 'officier_van_justitie', 'sectorhoofd_politie', 'belastingdienst', 'ambtenaar', 'partner', 'secretariaat', 'overig')),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        platform_role text NOT NULL DEFAULT 'gebruiker' CHECK (platform_role IN ('secretariaat', 'gebruiker')),
        rvc_member boolean NOT NULL DEFAULT false,
        password_hash text NOT NULL,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));
      CREATE INDEX users_organisation_idx ON users (organisation_id);
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        refresh_token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE auth_sessions; DROP TABLE users; DROP TABLE organisations; DROP TABLE districts; DROP TABLE regions;`,
    );
  }
}
