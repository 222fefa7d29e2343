import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { eventually } from './support/collab-client';
import { freePort, ServerProcess } from './support/server-process';

const suite = process.env.TEST_DATABASE_URL ? describe : describe.skip;

interface Job {
  id: string;
  status: string;
  doneItems: number;
  totalItems: number;
  sha256: string | null;
  sizeBytes: number | null;
}

/**
 * A dossier whose instance dies in the middle of the build (SIGKILL, the real server as a child process) is
 * built again by the next start (docs/exports.md, "A crash is recovered").
 */
suite('a dossier interrupted by a crash', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: ServerProcess;
  let db: Client;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-dossier-crash-'));
    database = await createTestDatabase();
    if (database.config.kind !== 'postgres') throw new Error('needs PostgreSQL');
    server = new ServerProcess(await freePort(), {
      KOERS_DATA_DIR: dataDir,
      KOERS_JWT_SECRET: 'dossier-crash-test-secret-'.padEnd(48, 'x'),
      KOERS_DEMO: 'true',
      DATABASE_URL: database.config.url,
      // A builder that made no progress for a second is gone; look for such jobs only at start.
      KOERS_DOSSIER_STALE_MS: '1000',
      KOERS_FILES_SWEEP_INTERVAL_MS: '0',
    });
    await server.start();
    db = new Client({ connectionString: database.config.url });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await server.stop('SIGTERM');
    await db?.end();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is rebuilt from the start at the next start, once, and downloads whole', async () => {
    const token = await server.login('secretariaat@demo.koers.nl');
    const workgroups = await server.api<Array<{ id: string; name: string }>>('GET', '/api/workgroups', token);
    const workgroupId = workgroups.find((w) => w.name === 'Bestuurlijke werkgroep Ondermijning')!.id;
    const job = await server.api<Job>('POST', `/api/workgroups/${workgroupId}/dossiers`, token);
    // The request has claimed the job and the build runs in the background: kill the server now.
    expect(await server.stop('SIGKILL')).toBeNull();
    const {
      rows: [killed],
    } = await db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM workgroup_dossiers WHERE id = $1',
      [job.id],
    );
    expect(killed).toEqual({ status: 'bezig', attempts: 1 });

    await server.start();
    const again = await server.login('secretariaat@demo.koers.nl');
    let done: Job | null = null;
    await eventually(async () => {
      done = await server.api<Job>('GET', `/api/workgroups/${workgroupId}/dossiers/${job.id}`, again);
      expect(done.status).toBe('klaar');
    }, 120_000);
    const {
      rows: [row],
    } = await db.query<{ attempts: number; storage_key: string }>(
      'SELECT attempts, storage_key FROM workgroup_dossiers WHERE id = $1',
      [job.id],
    );
    expect(row.attempts).toBe(2);

    const response = await fetch(`${server.url}/api/workgroups/${workgroupId}/dossiers/${job.id}/content`, {
      headers: { authorization: `Bearer ${again}` },
    });
    expect(response.status).toBe(200);
    const zip = Buffer.from(await response.arrayBuffer());
    expect(zip.length).toBe(done!.sizeBytes);
    expect(createHash('sha256').update(zip).digest('hex')).toBe(done!.sha256);
    // Only the second attempt's chunks are left: the first attempt's were removed when it was taken over.
    const {
      rows: [{ n }],
    } = await db.query<{ n: number }>(
      `SELECT count(DISTINCT blob_id)::int AS n FROM file_chunks c
        WHERE NOT EXISTS (SELECT 1 FROM file_versions v WHERE v.storage_key = c.blob_id::text)`,
    );
    expect(n).toBe(1);
    expect(server.output).toMatch(/attempt 2, the previous builder stopped half-way/);
  }, 300_000);
});
