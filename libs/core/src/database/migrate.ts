import { DataSource } from 'typeorm';

/** The key of the session lock that serialises migrations across instances. */
const MIGRATION_LOCK = `hashtext('koers:migrations')`;

/**
 * Runs the pending migrations. On PostgreSQL several instances may start at once against one database:
 * they take turns under a session-level advisory lock, and whoever comes second finds nothing left to do.
 * (The embedded database belongs to one process and needs no lock.)
 */
export async function runMigrations(dataSource: DataSource, kind: 'postgres' | 'pglite'): Promise<void> {
  if (kind === 'pglite') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await lock.release();
  }
}
