import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, loadConfig } from '@koers/core';
import { DEMO_PASSWORD } from '@koers/demo';
import { createApp } from '../apps/api/src/create-app';
import { DEMO } from './support/api-helpers';

/** The embedded PGlite database: isolation of concurrent transactions, persistence, and the directory lock. */
describe('embedded database (PGlite)', () => {
  const tempDirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-embedded-'));
    tempDirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openDataSource(dataDir: string | null, migrationsRun = false): Promise<DataSource> {
    const options = await buildDataSourceOptions({ kind: 'pglite', dataDir }, []);
    const dataSource = new DataSource({ ...options, migrationsRun } as typeof options);
    await dataSource.initialize();
    return dataSource;
  }

  describe('concurrent transactions', () => {
    let dataSource: DataSource;
    beforeAll(async () => {
      dataSource = await openDataSource(null);
      await dataSource.query('CREATE TABLE probe (id serial PRIMARY KEY, tx integer NOT NULL, label text NOT NULL)');
    });
    afterAll(() => dataSource.destroy());

    it('keeps exactly the rows of the transactions that commit', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, tx) =>
          dataSource.transaction(async (manager) => {
            await manager.query('INSERT INTO probe (tx, label) VALUES ($1, $2)', [tx, 'first']);
            // Yield between the statements so the transactions really interleave if the driver lets them.
            await new Promise((resolve) => setImmediate(resolve));
            await manager.query('INSERT INTO probe (tx, label) VALUES ($1, $2)', [tx, 'second']);
            if (tx % 2 === 1) throw new Error(`transaction ${tx} fails after inserting`);
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
      for (const [tx, result] of results.entries()) {
        if (tx % 2 === 1)
          expect(result).toMatchObject({
            status: 'rejected',
            reason: expect.objectContaining({ message: `transaction ${tx} fails after inserting` }),
          });
        else expect(result.status).toBe('fulfilled');
      }
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM probe');
      expect(n).toBe(10);
      const committed: Array<{ tx: number; rows: number }> = await dataSource.query(
        'SELECT tx, count(*)::int AS rows FROM probe GROUP BY tx ORDER BY tx',
      );
      expect(committed).toEqual([0, 2, 4, 6, 8].map((tx) => ({ tx, rows: 2 })));
    });

    it("does not show a transaction's rows to other callers before it commits", async () => {
      let seenInside = -1;
      let seenOutside = -1;
      let insideInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (insideInserted = resolve));
      const writer = dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO probe (tx, label) VALUES (100, 'uncommitted')`);
        [{ n: seenInside }] = await manager.query('SELECT count(*)::int AS n FROM probe WHERE tx = 100');
        insideInserted();
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      });
      await inserted;
      // Queued behind the open transaction: it runs after the rollback, never inside the transaction.
      const reader = dataSource
        .query('SELECT count(*)::int AS n FROM probe WHERE tx = 100')
        .then(([row]) => (seenOutside = row.n));
      await expect(writer).rejects.toThrow('roll back');
      await reader;
      expect(seenInside).toBe(1);
      expect(seenOutside).toBe(0);
    });

    it('keeps working after a failed statement inside a transaction', async () => {
      await expect(
        dataSource.transaction((manager) => manager.query('INSERT INTO probe (tx) VALUES (1)')),
      ).rejects.toThrow(/label/);
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM probe');
      expect(n).toBe(10);
    });
  });

  describe('a data directory', () => {
    it('survives a restart', async () => {
      const dataDir = path.join(tempDir(), 'pglite');
      const first = await openDataSource(dataDir, true);
      await first.query(`INSERT INTO regions (name) VALUES ('Regio die blijft')`);
      await first.destroy();

      const second = await openDataSource(dataDir, true);
      expect(await second.query('SELECT name FROM regions')).toEqual([{ name: 'Regio die blijft' }]);
      // The migrations ran once: reopening does not run them again.
      const [{ n }] = await second.query('SELECT count(*)::int AS n FROM migrations');
      expect(n).toBeGreaterThan(0);
      expect((await second.query('SELECT name FROM migrations')).length).toBe(n);
      await second.destroy();
    });

    it('refuses a second open while the first holds it, in this process, with a clear error', async () => {
      const dataDir = path.join(tempDir(), 'pglite');
      const first = await openDataSource(dataDir);
      expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
      await expect(buildDataSourceOptions({ kind: 'pglite', dataDir }, [])).rejects.toThrow(
        /already open in this process/,
      );
      await first.query('SELECT 1');
      await first.destroy();
      // Closing releases the lock: the directory can be opened again.
      expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
      const again = await openDataSource(dataDir);
      await again.destroy();
    });

    describe('held by another process', () => {
      let holder: ChildProcess;
      beforeAll(async () => {
        holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
        await new Promise((resolve) => holder.once('spawn', resolve));
      });
      afterAll(() => {
        holder.kill();
      });

      it('is refused, naming the process that holds it', async () => {
        const dataDir = path.join(tempDir(), 'pglite');
        fs.mkdirSync(dataDir, { recursive: true });
        fs.writeFileSync(`${dataDir}.lock`, String(holder.pid));
        await expect(buildDataSourceOptions({ kind: 'pglite', dataDir }, [])).rejects.toThrow(
          `in use by process ${holder.pid}`,
        );
        expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(holder.pid));
      });

      it('is taken over when the process that left the lock is gone', async () => {
        const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
        await new Promise((resolve) => gone.once('exit', resolve));
        const dataDir = path.join(tempDir(), 'pglite');
        fs.mkdirSync(dataDir, { recursive: true });
        fs.writeFileSync(`${dataDir}.lock`, String(gone.pid));
        const dataSource = await openDataSource(dataDir);
        expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
        await dataSource.destroy();
      });
    });
  });

  describe('the app on a data directory of its own (no DATABASE_URL)', () => {
    it('keeps its data across a restart and seeds the demo region only once', async () => {
      const dataDir = tempDir();
      const config = loadConfig({
        KOERS_DATA_DIR: dataDir,
        KOERS_JWT_SECRET: 'embedded-secret-'.padEnd(48, 'z'),
        KOERS_DEMO: 'true',
      });
      expect(config.database).toEqual({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });

      const start = async () => {
        const app = await createApp(config, { forceCloseConnections: true, logger: ['error'] });
        await app.init();
        const http = () => request(app.getHttpServer());
        const login = await http().post('/api/auth/login').send({ email: DEMO.secretariaat, password: DEMO_PASSWORD });
        expect(login.status).toBe(200);
        const auth = { Authorization: `Bearer ${login.body.accessToken}` };
        return { app, http, auth };
      };

      const first = await start();
      const created = await first
        .http()
        .post('/api/organisations')
        .set(first.auth)
        .send({ name: 'Organisatie die een herstart overleeft', type: 'partner' });
      expect(created.status).toBe(201);
      const usersBefore = (await first.http().get('/api/users').set(first.auth)).body.length;
      // While it runs, a second instance on the same directory is refused.
      // createApp() throws (it does not abort the process), so main.ts can report it and exit.
      await expect(createApp(config, { logger: false })).rejects.toThrow(/already open in this process/);
      await first.app.close();

      const second = await start();
      const organisations = (await second.http().get('/api/organisations').set(second.auth)).body as Array<{
        id: string;
        name: string;
      }>;
      expect(organisations.find((o) => o.name === 'Organisatie die een herstart overleeft')?.id).toBe(created.body.id);
      expect((await second.http().get('/api/users').set(second.auth)).body.length).toBe(usersBefore);
      const strategies = (await second.http().get('/api/strategies').set(second.auth)).body as unknown[];
      expect(strategies).toHaveLength(1);
      await second.app.close();
      // Two cold starts of an embedded database with every migration and the demo seed: seconds when the
      // machine is quiet, over a minute when CI shares two cores with other work.
    }, 240_000);
  });
});
