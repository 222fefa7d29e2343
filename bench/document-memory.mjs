#!/usr/bin/env node
// Memory per open document: how much the Koers server holds for each document someone has open, and
// whether it is given back once nobody has it open (the unload).
//
//   npm run build:api && node bench/document-memory.mjs [--documents 300] [--chars 10000]
//
// 1. A fresh PostgreSQL database (BENCH_PG_ADMIN_URL), the built API with the demo region; N documents
//    created over REST, each written with a text of about --chars characters in paragraphs (one Yjs update
//    per document, acknowledged = stored), then left and unloaded.
// 2. A restart (a clean heap), then one Socket.IO connection joins all N documents and syncs each: the
//    server loads them from the database and holds them. Server RSS before and after, per document.
// 3. The connection leaves every document; after the unload delay the server has none in memory: RSS again.
// RSS is what the operating system sees; V8 keeps freed heap for a while, so the drop in step 3 is a lower
// bound of what is given back. See docs/benchmarks.md.
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { createDatabase, dropDatabase, loadAverage, procRssMiB, round, ServerChild, sleep } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DOCUMENTS = option('documents', 300);
const CHARS = option('chars', 10_000);
const UNLOAD_AFTER_MS = 1_000;
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const EMAIL = 'aanjager.ondermijning@demo.koers.nl';

/** A text in the editor's schema: paragraphs of about 400 characters, CHARS in all, as one update. */
function contentUpdate() {
  const doc = new Y.Doc();
  const paragraphs = [];
  for (let written = 0; written < CHARS; written += 400) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [
      new Y.XmlText('De werkgroep pakt ondermijning samen aan met gemeenten, politie en OM. '.repeat(6).slice(0, 400)),
    ]);
    paragraphs.push(paragraph);
  }
  doc.getXmlFragment('default').insert(0, paragraphs);
  return Y.encodeStateAsUpdate(doc);
}

const syncMessage = (step, payload) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
};

async function login(url) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: 'koers-demo' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return (await response.json()).accessToken;
}

async function connect(url, token) {
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
  return socket;
}

/** Joins a document and waits for the server's full state (sync step 2 in answer to our step 1). */
async function joinAndSync(socket, documentId) {
  const synced = new Promise((resolve) => {
    const onMessage = (id, message) => {
      if (id !== documentId) return;
      const decoder = decoding.createDecoder(new Uint8Array(message));
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) {
        socket.off('yjs', onMessage);
        resolve();
      }
    };
    socket.on('yjs', onMessage);
  });
  const ack = await socket.timeout(30_000).emitWithAck('join', { documentId });
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
  await socket.timeout(30_000).emitWithAck('yjs', documentId, syncMessage(0, Y.encodeStateVector(new Y.Doc())));
  await synced;
}

/** RSS after the server has been quiet for a while (several samples, the lowest). */
async function settledRss(pid) {
  const samples = [];
  for (let i = 0; i < 10; i++) {
    await sleep(300);
    samples.push(procRssMiB(pid));
  }
  return Math.min(...samples);
}

async function main() {
  const database = await createDatabase(pgAdmin, `koers_bench_memory_${process.pid}`);
  const server = new ServerChild(
    'koers',
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      KOERS_JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      KOERS_DEMO: 'true',
      KOERS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-memory-')),
      KOERS_COLLAB_RATE_LIMIT: '100000',
      // Many simulated editors share two accounts: the per-account budgets would throttle them.
      KOERS_COLLAB_ACCOUNT_RATE_LIMIT: '100000',
      KOERS_COLLAB_ACCOUNT_BYTES_PER_SECOND: '1073741824',
      KOERS_LOGIN_RATE_LIMIT: '1000',
      KOERS_COLLAB_UNLOAD_AFTER_MS: String(UNLOAD_AFTER_MS),
    },
    { root, entry: path.join(root, 'dist/apps/api/src/main.js') },
  );
  try {
    // 1. The documents and their text.
    await server.start();
    let token = await login(server.url);
    const workgroups = await (
      await fetch(`${server.url}/api/workgroups`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    const workgroup = workgroups.find((w) => w.name === 'Bestuurlijke werkgroep Ondermijning');
    const ids = [];
    for (let i = 0; i < DOCUMENTS; i++) {
      const response = await fetch(`${server.url}/api/workgroups/${workgroup.id}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Geheugentest ${i + 1}`, kind: 'notitie' }),
      });
      if (response.status !== 201)
        throw new Error(`creating a document failed: ${response.status} ${await response.text()}`);
      ids.push((await response.json()).id);
    }
    const update = syncMessage(2, contentUpdate());
    let socket = await connect(server.url, token);
    for (const id of ids) {
      await joinAndSync(socket, id);
      const ack = await socket.timeout(30_000).emitWithAck('yjs', id, update);
      if (!ack.ok) throw new Error(`update refused: ${JSON.stringify(ack)}`);
      await socket.timeout(30_000).emitWithAck('leave', { documentId: id });
    }
    socket.close();
    await sleep(UNLOAD_AFTER_MS + 2_000);
    await server.stop();

    // 2. A clean start; one connection opens every document.
    await server.start();
    token = await login(server.url);
    socket = await connect(server.url, token);
    const before = await settledRss(server.pid);
    const opening = performance.now();
    for (const id of ids) await joinAndSync(socket, id);
    const openMs = performance.now() - opening;
    const open = await settledRss(server.pid);

    // 3. Everyone leaves; the documents are unloaded.
    for (const id of ids) await socket.timeout(30_000).emitWithAck('leave', { documentId: id });
    await sleep(UNLOAD_AFTER_MS + 1_000);
    const unloaded = await settledRss(server.pid);
    socket.close();

    const perDocumentKiB = ((open - before) * 1024) / DOCUMENTS;
    console.log(
      `| documents | text per document | RSS before | RSS with all open | per open document | RSS after unload | open+sync all |`,
    );
    console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
    console.log(
      `| ${DOCUMENTS} | ${CHARS.toLocaleString('en')} characters (${round(update.byteLength / 1024, 1)} KiB update) | ${round(before)} MiB | ${round(open)} MiB | ${round(perDocumentKiB)} KiB | ${round(unloaded)} MiB | ${round(openMs / 1000, 2)} s |`,
    );
    console.log(
      `\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; load average ${loadAverage()}; ${new Date().toISOString()}`,
    );
  } finally {
    await server.stop();
    await dropDatabase(pgAdmin, database.name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
