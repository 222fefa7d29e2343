import './register-paths';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/core/src';
import { PGLITE_DUMP_ENV, TEMPLATE_DB_ENV, databaseUrl, withAdmin } from '../../libs/testing/src';

/**
 * Migrates one database for the whole run: a template database on PostgreSQL, or a PGlite dump.
 * Each test file then starts from a copy (see createTestDatabase).
 */
export default async function globalSetup(): Promise<void> {
  // The integration and browser projects share one migrated database per run.
  if (process.env[TEMPLATE_DB_ENV] || process.env[PGLITE_DUMP_ENV]) return;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = `koers_template_${process.pid}`;
    await withAdmin(adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${template}`);
      await client.query(`CREATE DATABASE ${template}`);
    });
    await migrate(
      await buildDataSourceOptions({ kind: 'postgres', url: databaseUrl(adminUrl, template), poolSize: 1 }, []),
    );
    process.env[TEMPLATE_DB_ENV] = template;
    return;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pgliteParsers } = await import('../../libs/core/src/database/type-parsers');
  const { PGLITE_EXTENSIONS } = await import('../../libs/core/src/database/database-options');
  const db = await PGlite.create({ parsers: pgliteParsers, extensions: PGLITE_EXTENSIONS });
  const { createPgliteDriver } = await import('../../libs/core/src/database/pglite-driver');
  const options = await buildDataSourceOptions({ kind: 'pglite', dataDir: null }, []);
  const dumpFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'koers-test-')), 'migrated.tar.gz');
  // Dump before the DataSource is destroyed: destroying it closes the embedded database.
  await migrate({ ...options, driver: createPgliteDriver(db) } as typeof options, async () => {
    fs.writeFileSync(dumpFile, Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer()));
  });
  process.env[PGLITE_DUMP_ENV] = dumpFile;
}

async function migrate(
  options: Awaited<ReturnType<typeof buildDataSourceOptions>>,
  afterMigrations?: () => Promise<void>,
) {
  const dataSource = new DataSource({ ...options, migrationsRun: false, logging: ['error'] });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await afterMigrations?.();
  await dataSource.destroy();
}
