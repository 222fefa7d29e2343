import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseConfig } from '@koers/core';

/** Environment the global setup leaves for every test file. */
export const TEMPLATE_DB_ENV = 'KOERS_TEST_TEMPLATE_DB';
export const PGLITE_DUMP_ENV = 'KOERS_TEST_PGLITE_DUMP';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, already migrated: on PostgreSQL (TEST_DATABASE_URL) a copy of
 * the template database the global setup migrated once; otherwise a PGlite database restored from the
 * migrated dump. Test files can therefore run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dump = process.env[PGLITE_DUMP_ENV];
    if (!dump) throw new Error(`${PGLITE_DUMP_ENV} is not set: run the tests through Jest's global setup (npm test).`);
    return { config: { kind: 'pglite', dataDir: null, loadDumpFile: dump }, drop: async () => undefined };
  }
  const template = process.env[TEMPLATE_DB_ENV];
  if (!template)
    throw new Error(`${TEMPLATE_DB_ENV} is not set: run the tests through Jest's global setup (npm test).`);
  const name = `koers_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    config: { kind: 'postgres', url: databaseUrl(adminUrl, name), poolSize: 5 },
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
