#!/usr/bin/env node
// Floods from one client and what an unrelated editor notices (issues #11 and #13, item 3).
//
//   npm run build:api && node bench/collab-flood.mjs [--seconds 20] [--flood-kib 10] [--prepends 2000]
//
// A fresh PostgreSQL database (BENCH_PG_ADMIN_URL), the built API with the demo region. One editor types
// into document B: one small update every 20 ms, each ack timed (ack = stored). Meanwhile one connection
// attacks document A, in three phases of --seconds each:
//   1. quiet: no attack (the baseline);
//   2. missing dependencies: updates of --flood-kib KiB that each build on an update that is never sent
//      (10 per second, as in the issue's 600 in 60 s);
//   3. quadratic prepends: pairs of updates that each prepend --prepends items to one root array as two
//      different clients (integrating the second orders every item against every item of the first).
// Per phase: the editor's ack p50/p99/max, /api/health p99 (polled every 200 ms), the server's RSS at the
// end, and how the attack's updates were answered. Results in docs/benchmarks.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { createDatabase, dropDatabase, Histogram, loadAverage, procRssMiB, round, ServerChild, sleep } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = option('seconds', 20);
const FLOOD_KIB = option('flood-kib', 10);
const PREPENDS = option('prepends', 2000);
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const syncUpdate = (update) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
};

async function login(url, email) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'koers-demo' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return (await response.json()).accessToken;
}

async function joined(url, token, documentId) {
  const socket = io(`${url}/collab`, {
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(30_000).emitWithAck('join', { documentId });
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
  return socket;
}

/** An update of FLOOD_KIB KiB of text that builds on a first insert that is never sent. */
function orphanUpdate() {
  const doc = new Y.Doc();
  const text = doc.getText('notes');
  text.insert(0, 'nooit verstuurd ');
  const before = Y.encodeStateVector(doc);
  text.insert(text.length, 'x'.repeat(FLOOD_KIB * 1024));
  return Y.encodeStateAsUpdate(doc, before);
}

function prepends(clientId, n) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const array = doc.getArray('lijst');
  for (let i = 0; i < n; i++) array.insert(0, [i]);
  return Y.encodeStateAsUpdate(doc);
}

async function main() {
  const database = await createDatabase(pgAdmin, `koers_bench_flood_${process.pid}`);
  const server = new ServerChild(
    'koers',
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      KOERS_JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      KOERS_DEMO: 'true',
      KOERS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-flood-')),
      KOERS_COLLAB_RATE_LIMIT: '100000',
      // Many simulated editors share two accounts: the per-account budgets would throttle them.
      KOERS_COLLAB_ACCOUNT_RATE_LIMIT: '100000',
      KOERS_COLLAB_ACCOUNT_BYTES_PER_SECOND: '1073741824',
      KOERS_LOGIN_RATE_LIMIT: '1000',
    },
    { root, entry: path.join(root, 'dist/apps/api/src/main.js') },
  );
  const rows = [];
  try {
    await server.start();
    const editorToken = await login(server.url, 'aanjager.ondermijning@demo.koers.nl');
    const attackerToken = await login(server.url, 'riec@demo.koers.nl'); // a guest (gast) is enough
    const workgroups = await (
      await fetch(`${server.url}/api/workgroups`, { headers: { authorization: `Bearer ${editorToken}` } })
    ).json();
    const workgroup = workgroups.find((w) => w.name === 'Bestuurlijke werkgroep Ondermijning');
    const create = async (title) => {
      const response = await fetch(`${server.url}/api/workgroups/${workgroup.id}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${editorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, kind: 'notitie' }),
      });
      if (response.status !== 201) throw new Error(`creating a document failed: ${response.status}`);
      return (await response.json()).id;
    };
    const attacked = await create('Aanval');
    const unrelated = await create('Gewoon werk');
    const editor = await joined(server.url, editorToken, unrelated);
    const attacker = await joined(server.url, attackerToken, attacked);
    const editorDoc = new Y.Doc();
    const editorText = editorDoc.getText('notes');

    const phase = async (name, attack) => {
      const acks = new Histogram();
      const health = new Histogram();
      const answers = new Map();
      let healthFailures = 0;
      let running = true;
      const typing = (async () => {
        while (running) {
          const before = Y.encodeStateVector(editorDoc);
          editorText.insert(editorText.length, 'a');
          const start = performance.now();
          const ack = await editor
            .timeout(60_000)
            .emitWithAck('yjs', unrelated, syncUpdate(Y.encodeStateAsUpdate(editorDoc, before)));
          acks.add(performance.now() - start);
          if (!ack.ok) throw new Error(`the editor's update was refused: ${JSON.stringify(ack)}`);
          await sleep(20);
        }
      })();
      const polling = (async () => {
        while (running) {
          const start = performance.now();
          try {
            await fetch(`${server.url}/api/health`);
            health.add(performance.now() - start);
          } catch {
            healthFailures++;
          }
          await sleep(200);
        }
      })();
      const answered = (ack) => {
        const key = ack.ok ? 'ok' : ack.error.code;
        answers.set(key, (answers.get(key) ?? 0) + 1);
      };
      const rssBefore = procRssMiB(server.pid);
      const deadline = Date.now() + SECONDS * 1000;
      const sent = [];
      while (Date.now() < deadline) sent.push(...(await attack(answered)));
      await Promise.all(sent);
      running = false;
      await Promise.all([typing, polling]);
      rows.push({
        name,
        acks: acks.summary(),
        health: health.summary(),
        healthFailures,
        rssBefore: round(rssBefore),
        rss: round(procRssMiB(server.pid)),
        answers: [...answers].map(([code, n]) => `${n} ${code}`).join(', ') || '-',
      });
    };

    const send = (message, answered) =>
      attacker
        .timeout(120_000)
        .emitWithAck('yjs', attacked, message)
        .then(answered, () => answered({ ok: false, error: { code: 'TIMEOUT' } }));

    await phase('quiet', async () => {
      await sleep(100);
      return [];
    });
    const orphan = syncUpdate(orphanUpdate());
    await phase(`missing dependencies (${FLOOD_KIB} KiB, 10/s)`, async (answered) => {
      await sleep(100);
      return [send(orphan, answered)];
    });
    // Built beforehand: building them during the phase would block this process and inflate its timings.
    const pairs = Array.from({ length: SECONDS * 2 + 2 }, (_, i) => [
      syncUpdate(prepends(1_000_000 + 2 * i, PREPENDS)),
      syncUpdate(prepends(1_000_001 + 2 * i, PREPENDS)),
    ]);
    await phase(`prepends (2 x ${PREPENDS} items)`, async (answered) => {
      const sent = (pairs.pop() ?? []).map((message) => send(message, answered));
      await sleep(500);
      return sent;
    });
    editor.close();
    attacker.close();

    console.log(
      '| phase | editor acks | ack p50 | ack p99 | ack max | /api/health p99 | RSS before -> after | attack answered |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows)
      console.log(
        `| ${row.name} | ${row.acks.n} | ${row.acks.p50} ms | ${row.acks.p99} ms | ${row.acks.max} ms | ${row.health.p99} ms${row.healthFailures ? ` (${row.healthFailures} failed)` : ''} | ${row.rssBefore} -> ${row.rss} MiB | ${row.answers} |`,
      );
    console.log(
      `\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; load average ${loadAverage()}; ${new Date().toISOString()}`,
    );
  } catch (err) {
    console.error(`Server output (tail):\n${server.output.slice(-3000)}`);
    throw err;
  } finally {
    await server.stop();
    await dropDatabase(pgAdmin, database.name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
