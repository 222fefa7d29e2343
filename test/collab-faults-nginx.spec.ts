import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { CollabTestClient, eventually } from './support/collab-client';
import { OwnRedis } from './support/own-services';
import { freePort } from './support/server-process';
import { createTestApp, TestApp } from './support/test-app';

function nginxBinary(): string | null {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    return 'nginx';
  } catch {
    return null;
  }
}

// The repository's nginx site (deploy/nginx/koers.conf) in front of two instances; needs Debian's nginx.
const suite = process.env.TEST_DATABASE_URL && nginxBinary() ? describe : describe.skip;

suite('two instances behind the repository nginx configuration', () => {
  let redis: OwnRedis;
  let database: TestDatabase;
  const apps: TestApp[] = [];
  let nginx: ChildProcess;
  let dir: string;
  let url: string;
  const clients: CollabTestClient[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.create();
    database = await createTestDatabase();
    apps.push(await createTestApp({ REDIS_URL: redis.url }, { database }));
    apps.push(await createTestApp({ REDIS_URL: redis.url }, { database }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-nginx-'));
    const port = await freePort();
    const servers = apps.map((app) => `server ${new URL(app.url).host} max_fails=3 fail_timeout=10s;`).join('\n    ');
    const site = fs
      .readFileSync(path.resolve(__dirname, '../deploy/nginx/koers.conf'), 'utf8')
      .replace(/server api:3000[^;]*;/, servers)
      .replace('listen 80;', `listen 127.0.0.1:${port};`);
    fs.writeFileSync(path.join(dir, 'site.conf'), site);
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      `daemon off;\nerror_log ${dir}/error.log;\npid ${dir}/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n` +
        `  client_body_temp_path ${dir};\n  proxy_temp_path ${dir};\n  include ${dir}/site.conf;\n}\n`,
    );
    nginx = spawn('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
    url = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${url}/api/health`)).status).toBe(200));
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    for (const app of apps) await app.close();
    await redis?.stop();
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('carries WebSocket and long-polling clients through the proxy, and they co-edit one document', async () => {
    const mayorToken = await apps[0].login('aanjager.ondermijning@demo.koers.nl');
    const prosecutorToken = await apps[1].login('ovj.ondermijning@demo.koers.nl');
    const workgroups = (await apps[0].http().get('/api/workgroups').set('Authorization', `Bearer ${mayorToken}`))
      .body as Array<{ id: string; name: string }>;
    const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning'))!.id;
    const document = (
      await apps[0]
        .http()
        .post(`/api/workgroups/${workgroupId}/documents`)
        .set('Authorization', `Bearer ${mayorToken}`)
        .send({ title: 'Achter nginx', kind: 'notitie' })
        .expect(201)
    ).body as { id: string };

    const ws = await CollabTestClient.open(url, mayorToken, document.id, { transports: ['websocket'] });
    const polling = await CollabTestClient.open(url, prosecutorToken, document.id, { transports: ['polling'] });
    clients.push(ws.client, polling.client);
    expect([ws.join, polling.join]).toEqual([
      expect.objectContaining({ ok: true }),
      expect.objectContaining({ ok: true }),
    ]);
    expect(polling.client.socket.io.engine.transport.name).toBe('polling');
    for (let i = 0; i < 20; i++) {
      ws.client.type('w');
      polling.client.type('p');
    }
    const acks = [...(await ws.client.settled()), ...(await polling.client.settled())];
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await eventually(() => {
      expect(ws.client.text()).toHaveLength(40);
      expect(polling.client.text()).toBe(ws.client.text());
    });
  }, 60_000);
});
