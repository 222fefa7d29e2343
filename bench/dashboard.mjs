#!/usr/bin/env node
// The dashboard benchmark: GET /api/dashboard over a generated region of realistic size, measured
// sequentially per role (secretariat, RVC member), with and without a cycleId.
//
//   npm run build:api && node bench/dashboard.mjs [--requests 500] [--warmup 50] [--keep] [--json FILE]
//
// Creates a fresh PostgreSQL database (BENCH_PG_ADMIN_URL, default postgres://root@127.0.0.1:5432/postgres),
// starts the built API on it without demo data (so the migrations run and a first secretariat account is
// bootstrapped), generates the region with SQL, measures, and drops the database. See docs/benchmarks.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import pg from 'pg';
import { createDatabase, dropDatabase, Histogram, loadAverage, round } from './lib.mjs';
import { ADMIN, generateRegion, login, RVC_EMAIL, startApi, waitForAdmin } from './region.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const REQUESTS = Number(option('requests', 500));
const WARMUP = Number(option('warmup', 50));
const jsonOut = option('json', null);
/** Keep the generated database (to EXPLAIN ANALYZE the dashboard's queries by hand); drop it yourself. */
const KEEP = process.argv.includes('--keep');
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

// ---------------------------------------------------------------- measuring

/** Fetches one dashboard; the time includes reading the whole body. */
async function fetchDashboard(url, token, query) {
  const started = performance.now();
  const response = await fetch(`${url}/api/dashboard?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`Dashboard answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms, bytes: body.length };
}

/**
 * Sequential requests, the variants taking turns (round robin), so load from other processes on the
 * machine falls on every variant alike instead of on whichever happened to run at that moment.
 */
async function measure(url, variants) {
  for (let i = 0; i < WARMUP; i++) for (const v of variants) await fetchDashboard(url, v.token, v.query);
  const stats = variants.map(() => ({ histogram: new Histogram(0.05), bytes: 0 }));
  for (let i = 0; i < REQUESTS; i++) {
    for (const [k, v] of variants.entries()) {
      const r = await fetchDashboard(url, v.token, v.query);
      stats[k].histogram.add(r.ms);
      stats[k].bytes = r.bytes;
    }
  }
  return variants.map((v, k) => {
    const h = stats[k].histogram;
    return {
      role: v.role,
      query: v.label,
      n: h.n,
      p50: round(h.percentile(50), 2),
      p95: round(h.percentile(95), 2),
      p99: round(h.percentile(99), 2),
      max: round(h.max, 2),
      bytes: stats[k].bytes,
    };
  });
}

async function main() {
  const name = `koers_bench_dashboard_${process.pid}`;
  const { url: databaseUrl } = await createDatabase(pgAdmin, name);
  let api = null;
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    api = await startApi(databaseUrl);
    await db.connect();
    const admin = await waitForAdmin(db);
    const generatedAt = performance.now();
    const { strategyId, counts } = await generateRegion(db, admin);
    console.log(`Generated region in ${round((performance.now() - generatedAt) / 1000, 1)} s:`, JSON.stringify(counts));
    const { rows: cycles } = await db.query(
      'SELECT id FROM reporting_cycles WHERE strategy_id = $1 AND meeting_date < current_date ORDER BY meeting_date DESC LIMIT 1',
      [strategyId],
    );

    const tokens = { secretariaat: await login(api.url, ADMIN.email), rvc: await login(api.url, RVC_EMAIL) };
    const loadBefore = loadAverage();
    const variants = [];
    for (const role of ['secretariaat', 'rvc']) {
      variants.push({ role, label: 'strategyId', token: tokens[role], query: `strategyId=${strategyId}` });
      variants.push({
        role,
        label: 'strategyId&cycleId',
        token: tokens[role],
        query: `strategyId=${strategyId}&cycleId=${cycles[0].id}`,
      });
    }
    const results = await measure(api.url, variants);
    const loadAfter = loadAverage();

    console.log('');
    console.log(`| role | query | requests | p50 ms | p95 ms | p99 ms | max ms | response |`);
    console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
    for (const r of results)
      console.log(
        `| ${r.role} | ${r.query} | ${r.n} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${round(r.bytes / 1024, 1)} KiB |`,
      );
    console.log(
      `\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}; load average before ${loadBefore}, after ${loadAfter}; ${new Date().toISOString()}`,
    );
    if (jsonOut)
      fs.writeFileSync(
        jsonOut,
        JSON.stringify({ counts, results, loadBefore, loadAfter, at: new Date().toISOString() }, null, 2),
      );
    const worst = Math.max(...results.map((r) => r.p95));
    if (worst >= 50) {
      console.log(`p95 ${worst} ms is above the 50 ms budget`);
      process.exitCode = 1;
    }
  } finally {
    await db.end().catch(() => {});
    if (api) await api.stop();
    if (KEEP) console.log(`Kept database ${name}; drop it with: psql ${pgAdmin} -c 'DROP DATABASE ${name}'`);
    else await dropDatabase(pgAdmin, name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
