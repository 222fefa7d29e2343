#!/usr/bin/env node
// REST under load (issue 19): the main list routes with 50 concurrent clients (autocannon) on the generated
// region of bench/region.mjs (5 werkgroepen, 5,000 actions, 10 reporting cycles) plus --documents documents
// per werkgroep, one route at a time, p95 against the 50 ms budget.
//
//   npm run build:api && node bench/rest-load.mjs [--connections 50] [--duration 15] [--documents 40] [--json FILE]
//
// Routes, as the secretariat (who may read every werkgroep), the werkgroep rotating per request:
//   GET /api/workgroups/:id/actions    (the first page of the action list, as the Acties tab asks)
//   GET /api/workgroups/:id/documents  (the werkgroep's documents)
//   GET /api/dashboard?strategyId=...  (the secretariat's dashboard)
// The latency of every response is recorded (autocannon's own summary has no p95); non-2xx answers are
// counted and make the run fail. autocannon runs in this process, on the same machine as the server and
// PostgreSQL: read the results with the load average beside them. See docs/benchmarks.md.
import autocannon from 'autocannon';
import * as fs from 'node:fs';
import * as os from 'node:os';
import pg from 'pg';
import { createDatabase, dropDatabase, Histogram, loadAverage, procCpuSeconds, round } from './lib.mjs';
import { ADMIN, generateRegion, login, startApi, waitForAdmin } from './region.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const CONNECTIONS = Number(option('connections', 50));
const DURATION = Number(option('duration', 15));
const DOCUMENTS = Number(option('documents', 40));
const BUDGET_MS = 50;
const jsonOut = option('json', null);
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

async function createDocuments(url, token, workgroupIds) {
  for (const workgroupId of workgroupIds)
    for (let i = 0; i < DOCUMENTS; i++) {
      const response = await fetch(`${url}/api/workgroups/${workgroupId}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Notitie ${i + 1}`, kind: 'notitie' }),
      });
      if (!response.ok) throw new Error(`Creating a document failed: ${response.status} ${await response.text()}`);
    }
}

/** One route under load; `paths` rotate per request. */
async function load(api, token, name, paths) {
  const histogram = new Histogram(0.05);
  let next = 0;
  let failed = 0;
  const cpuBefore = procCpuSeconds(api.pid);
  const loadBefore = loadAverage();
  const run = autocannon({
    url: api.url,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  run.on('response', (_client, statusCode, _bytes, responseTime) => {
    histogram.add(responseTime);
    if (statusCode < 200 || statusCode >= 300) failed++;
  });
  const result = await run;
  const cpu = procCpuSeconds(api.pid) - cpuBefore;
  return {
    route: name,
    requests: histogram.n,
    perSecond: round(histogram.n / DURATION, 0),
    failed: failed + result.errors + result.timeouts,
    p50: round(histogram.percentile(50), 2),
    p95: round(histogram.percentile(95), 2),
    p99: round(histogram.percentile(99), 2),
    max: round(histogram.max, 2),
    serverCpuPercent: round((cpu / DURATION) * 100, 0),
    responseKiB: round(result.throughput.total / Math.max(1, result.requests.total) / 1024, 1),
    loadBefore,
    loadAfter: loadAverage(),
  };
}

async function main() {
  const name = `koers_bench_rest_${process.pid}`;
  const { url: databaseUrl } = await createDatabase(pgAdmin, name);
  let api = null;
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    api = await startApi(databaseUrl);
    await db.connect();
    const { strategyId, counts } = await generateRegion(db, await waitForAdmin(db));
    const workgroupIds = (await db.query('SELECT id FROM workgroups ORDER BY name')).rows.map((r) => r.id);
    const token = await login(api.url, ADMIN.email);
    await createDocuments(api.url, token, workgroupIds);
    counts.documents = workgroupIds.length * DOCUMENTS;
    console.log(`Region: ${JSON.stringify(counts)}`);

    const routes = [
      ['GET /api/workgroups/:id/actions', workgroupIds.map((id) => `/api/workgroups/${id}/actions`)],
      ['GET /api/workgroups/:id/documents', workgroupIds.map((id) => `/api/workgroups/${id}/documents`)],
      ['GET /api/dashboard?strategyId', [`/api/dashboard?strategyId=${strategyId}`]],
    ];
    const results = [];
    for (const [route, paths] of routes) {
      await load(api, token, route, paths.slice(0, 1)); // warm-up (JIT, caches), not recorded
      results.push(await load(api, token, route, paths));
    }

    console.log(`\n${CONNECTIONS} connections, ${DURATION} s per route\n`);
    console.log(
      '| route | requests | req/s | failed | p50 ms | p95 ms | p99 ms | max ms | response | server CPU | load avg |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results)
      console.log(
        `| ${r.route} | ${r.requests} | ${r.perSecond} | ${r.failed} | ${r.p50} | **${r.p95}** | ${r.p99} | ${r.max} | ${r.responseKiB} KiB | ${r.serverCpuPercent} % | ${r.loadBefore} |`,
      );
    console.log(
      `\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}; ${new Date().toISOString()}`,
    );
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ counts, results, at: new Date().toISOString() }, null, 2));
    const over = results.filter((r) => r.p95 >= BUDGET_MS || r.failed > 0);
    if (over.length > 0) {
      console.log(`Over the ${BUDGET_MS} ms p95 budget or with failures: ${over.map((r) => r.route).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await db.end().catch(() => {});
    if (api) await api.stop();
    await dropDatabase(pgAdmin, name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
