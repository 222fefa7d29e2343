import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { migrations } from './migrations';
import { createPgliteDriver } from './pglite-driver';
import { QueryLogger } from './query-logger';
import { pgliteParsers, pgTypes } from './type-parsers';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Entities = MixedList<Function | string | EntitySchema>;

/**
 * The one place that turns configuration into TypeORM options. Both kinds run the same migrations
 * at start-up; `synchronize` is never used.
 */
export async function buildDataSourceOptions(config: DatabaseConfig, entities: Entities): Promise<DataSourceOptions> {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    installExtensions: false,
    logging: ['error' as const, 'warn' as const, 'migration' as const],
    logger: new QueryLogger(),
  };
  if (config.kind === 'postgres') {
    return { ...common, url: config.url, poolSize: config.poolSize, extra: { types: pgTypes() } };
  }
  const { db, onClose } = await openPglite(config);
  return { ...common, driver: createPgliteDriver(db, onClose) };
}

/**
 * PostgreSQL's default 128 MB of shared buffers is memory the embedded database fills inside the server
 * process (about 150 MB of resident memory); Koers's data in one region fits in far less.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * Contrib extensions the embedded database loads (PostgreSQL has them in its contrib package): pg_trgm for
 * the search's part-of-word matching (docs/search.md). A migration runs CREATE EXTENSION.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

async function openPglite(
  config: Extract<DatabaseConfig, { kind: 'pglite' }>,
): Promise<{ db: PGlite; onClose?: () => void }> {
  if (config.loadDumpFile) {
    const dump = new Blob([fs.readFileSync(config.loadDumpFile)]);
    return {
      db: await PGlite.create({
        loadDataDir: dump,
        parsers: pgliteParsers,
        startParams: PGLITE_START_PARAMS,
        extensions: PGLITE_EXTENSIONS,
      }),
    };
  }
  if (!config.dataDir)
    return {
      db: await PGlite.create({
        parsers: pgliteParsers,
        startParams: PGLITE_START_PARAMS,
        extensions: PGLITE_EXTENSIONS,
      }),
    };
  fs.mkdirSync(config.dataDir, { recursive: true });
  const release = claimDataDir(config.dataDir);
  try {
    return {
      db: await PGlite.create({
        dataDir: config.dataDir,
        parsers: pgliteParsers,
        startParams: PGLITE_START_PARAMS,
        extensions: PGLITE_EXTENSIONS,
      }),
      onClose: release,
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Data directories this process has open: PGlite must not open one twice, not even in one process. */
const openDataDirs = new Set<string>();

/**
 * Only one process may open a PGlite directory: a second one would corrupt it. The lock file names the
 * holder's pid; a lock left by a process that is gone is taken over. Returns the release, run on close.
 */
function claimDataDir(dataDir: string): () => void {
  const key = path.resolve(dataDir);
  if (openDataDirs.has(key)) {
    throw new Error(
      `The embedded database in ${dataDir} is already open in this process. Close it first, or set KOERS_DATA_DIR to another directory.`,
    );
  }
  const lockFile = path.join(path.dirname(key), `${path.basename(key)}.lock`);
  try {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. Stop it first, or set KOERS_DATA_DIR to another directory.`,
      );
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  openDataDirs.add(key);
  const release = () => {
    process.removeListener('exit', release);
    openDataDirs.delete(key);
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user; it still holds the directory.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
