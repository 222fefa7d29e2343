import './register-paths';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGLITE_DUMP_ENV, TEMPLATE_DB_ENV, withAdmin } from '../../libs/testing/src';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = process.env[TEMPLATE_DB_ENV];
  if (adminUrl && template)
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  const dump = process.env[PGLITE_DUMP_ENV];
  if (dump) fs.rmSync(path.dirname(dump), { recursive: true, force: true });
  // The integration and browser projects share this teardown: the second finds nothing left to do.
  delete process.env[TEMPLATE_DB_ENV];
  delete process.env[PGLITE_DUMP_ENV];
}
