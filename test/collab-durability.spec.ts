import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { CollabTestClient, eventually } from './support/collab-client';
import { freePort, ServerProcess } from './support/server-process';

/**
 * Nothing acknowledged is lost: the real server runs as a child process (on PostgreSQL when
 * TEST_DATABASE_URL is set, else on an embedded data directory), is killed without warning, and started again.
 */
describe('durability of acknowledged edits', () => {
  let database: TestDatabase | null = null;
  let dataDir: string;
  let server: ServerProcess;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-durable-'));
    const env: Record<string, string> = {
      KOERS_DATA_DIR: dataDir,
      KOERS_JWT_SECRET: 'durability-test-secret-'.padEnd(48, 'x'),
      KOERS_DEMO: 'true',
    };
    if (process.env.TEST_DATABASE_URL) {
      database = await createTestDatabase();
      if (database.config.kind === 'postgres') env.DATABASE_URL = database.config.url;
    }
    server = new ServerProcess(await freePort(), env);
    await server.start();
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await server.stop('SIGKILL');
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (token: string, documentId: string) => {
    const { client, join } = await CollabTestClient.open(server.url, token, documentId);
    expect(join).toMatchObject({ ok: true });
    clients.push(client);
    return client;
  };

  it('finds every acknowledged edit after SIGKILL and restart, and every acknowledged edit after SIGTERM', async () => {
    const token = await server.login('aanjager.ondermijning@demo.koers.nl');
    const workgroups = await server.api<Array<{ id: string; name: string }>>('GET', '/api/workgroups', token);
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    const document = await server.api<{ id: string }>('POST', `/api/workgroups/${workgroupId}/documents`, token, {
      title: 'Crashtest',
      kind: 'notitie',
    });

    const writer = await open(token, document.id);
    const words = Array.from({ length: 50 }, (_, i) => `woord${i} `);
    for (const word of words) writer.type(word);
    const acks = await writer.settled();
    expect(acks.filter((a) => !a.ok)).toEqual([]);

    expect(await server.stop('SIGKILL')).toBeNull();
    await server.start();
    const reader = await open(await server.login('ovj.ondermijning@demo.koers.nl'), document.id);
    await eventually(() => expect(reader.text()).toBe(words.join('')));

    // A graceful stop (SIGTERM) lets the server finish what it is storing before it exits.
    reader.type('laatste zin');
    await reader.settled();
    await server.stop('SIGTERM');
    expect(server.output).not.toMatch(/ERROR/);
    await server.start();
    const again = await open(await server.login('ovj.ondermijning@demo.koers.nl'), document.id);
    await eventually(() => expect(again.text()).toBe(`${words.join('')}laatste zin`));
  });
});
