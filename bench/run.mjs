#!/usr/bin/env node
// The Koers collaboration benchmark: the same scenarios against Koers, Hocuspocus and a bare Socket.IO relay,
// one server child process at a time, with the load generator (loadgen.mjs) in a process of its own.
//
//   node bench/run.mjs [--koers] [--hocuspocus] [--relay] [--s1] [--s2] [--s3] [--s4] [--quick] [--json FILE]
//
// No target flag = all three; no scenario flag = all four. See docs/benchmarks.md.
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  createDatabase,
  dropDatabase,
  loadAverage,
  procCpuSeconds,
  procRssMiB,
  round,
  ServerChild,
  sleep,
} from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = new Set(process.argv.slice(2));
const jsonOut = (() => {
  const i = process.argv.indexOf('--json');
  return i > 0 ? process.argv[i + 1] : null;
})();
const quick = args.has('--quick');
let targets = ['koers', 'hocuspocus', 'relay'].filter((t) => args.has(`--${t}`));
if (!targets.length) targets = ['koers', 'hocuspocus', 'relay'];
let scenarioNames = ['s1', 's2', 's3', 's4'].filter((s) => args.has(`--${s}`));
if (!scenarioNames.length) scenarioNames = ['s1', 's2', 's3', 's4'];
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const S = quick
  ? {
      s1: [10, 50].map((editors) => ({
        name: `S1 ${editors} editors`,
        kind: 'typing',
        params: { docs: 1, editors, rate: 5, durationMs: 4000, lateJoiner: true },
      })),
      s2: [
        { name: 'S2 50 docs x 4 editors', kind: 'typing', params: { docs: 50, editors: 4, rate: 1, durationMs: 4000 } },
      ],
      s3: [{ name: 'S3 2,000-update history', kind: 'history', params: { updates: 2000, writers: 4 } }],
      s4: [{ name: 'S4 20 editors, ack-paced', kind: 'flood', params: { editors: 20, durationMs: 4000 } }],
    }
  : {
      s1: [10, 50, 200].map((editors) => ({
        name: `S1 ${editors} editors`,
        kind: 'typing',
        params: { docs: 1, editors, rate: 5, durationMs: 10_000, lateJoiner: true },
      })),
      s2: [
        {
          name: 'S2 500 docs x 4 editors',
          kind: 'typing',
          params: { docs: 500, editors: 4, rate: 1, durationMs: 15_000 },
        },
      ],
      s3: [{ name: 'S3 20,000-update history', kind: 'history', params: { updates: 20_000, writers: 4 } }],
      s4: [{ name: 'S4 20 editors, ack-paced', kind: 'flood', params: { editors: 20, durationMs: 10_000 } }],
    };

// ---------------------------------------------------------------- servers

const koersMain = path.join(root, 'dist/apps/api/src/main.js');

// ---------------------------------------------------------------- PostgreSQL (Koers only)

/** CPU seconds of the PostgreSQL backends serving the bench database (they do part of Koers's work). */
async function pgBackendCpu(dbName) {
  if (!dbName) return null;
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]);
  await admin.end();
  return Object.fromEntries(rows.map((r) => [r.pid, procCpuSeconds(r.pid) ?? 0]));
}

// ---------------------------------------------------------------- one scenario against one target

async function runOne(target, scenario, database) {
  const env =
    target === 'koers'
      ? {
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          DATABASE_URL: database.url,
          KOERS_JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'),
          KOERS_DEMO: 'true',
          KOERS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-')),
          // Raised for the load runs: S4 sends as fast as acks come back (the default is 200 messages/s).
          KOERS_COLLAB_RATE_LIMIT: '100000',
          // Many simulated editors share two accounts: the per-account budgets would throttle them.
          KOERS_COLLAB_ACCOUNT_RATE_LIMIT: '100000',
          KOERS_COLLAB_ACCOUNT_BYTES_PER_SECOND: '1073741824',
          KOERS_LOGIN_RATE_LIMIT: '1000',
          ...(scenario.kind === 'history'
            ? { KOERS_COLLAB_COMPACT_AFTER: '1000000', KOERS_COLLAB_UNLOAD_AFTER_MS: '3600000' }
            : {}),
        }
      : {};
  const server = new ServerChild(target, env, {
    root,
    entry: target === 'koers' ? koersMain : path.join(here, 'servers', `${target}.mjs`),
  });
  await server.start();
  const rss0 = procRssMiB(server.pid);
  let window = null;
  let peakRss = rss0;
  const rssTimer = setInterval(() => {
    const rss = procRssMiB(server.pid);
    if (rss !== null && rss > peakRss) peakRss = rss;
  }, 250);
  const loadAvg = loadAverage();
  const child = fork(path.join(here, 'loadgen.mjs'), [], {
    cwd: root,
    env: {
      ...process.env,
      BENCH_CONFIG: JSON.stringify({
        target,
        url: server.url,
        kind: scenario.kind,
        params: scenario.params,
        databaseUrl: database?.url,
      }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 240_000);
  try {
    const result = await new Promise((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
      child.on('message', async (message) => {
        if (message.type === 'result') return resolve(message.result);
        if (message.type === 'error') return reject(new Error(message.error));
        if (message.type === 'mark' && message.name === 'start') {
          window = { t0: performance.now(), cpu0: procCpuSeconds(server.pid), pg0: await pgBackendCpu(database?.name) };
          child.send({ ok: true });
        } else if (message.type === 'mark' && message.name === 'end') {
          const wall = (performance.now() - window.t0) / 1000;
          const cpu = procCpuSeconds(server.pid) - window.cpu0;
          let pgCpuPct = null;
          if (database) {
            const pg1 = await pgBackendCpu(database.name);
            pgCpuPct = round(
              (Object.entries(pg1).reduce((s, [pid, c]) => s + c - (window.pg0[pid] ?? 0), 0) / wall) * 100,
            );
          }
          child.send({
            cpuPct: round((cpu / wall) * 100),
            rssMiB: round(procRssMiB(server.pid)),
            rssAtStartMiB: round(rss0),
            pgCpuPct,
          });
        } else if (message.type === 'restart') {
          await server.stop(message.signal);
          await server.start(message.env ?? {});
          child.send({ ok: true });
        }
      });
    });
    const errors = server.output
      .split('\n')
      .filter((l) => /ERROR|WARN/.test(l))
      .slice(-5);
    return { ...result, peakRssMiB: round(peakRss), loadAverage: loadAvg, serverErrors: errors };
  } finally {
    clearTimeout(timeout);
    clearInterval(rssTimer);
    if (child.exitCode === null) child.kill('SIGKILL');
    await server.stop('SIGTERM');
    if (env.KOERS_DATA_DIR) fs.rmSync(env.KOERS_DATA_DIR, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const fmt = (x) => (x === null || x === undefined ? '—' : String(x));
const ratio = (a, b) => (a && b ? `${round(a / b, 2)}x` : '—');

function printResult(name, target, r) {
  if (r.skipped) return console.log(`  ${target.padEnd(10)} n/a: ${r.skipped}`);
  if (r.error) return console.log(`  ${target.padEnd(10)} ERROR ${r.error.split('\n')[0]}`);
  if (r.loads) {
    console.log(
      `  ${target.padEnd(10)} wrote ${r.updates} updates in ${r.writeMs} ms (failed ${r.writeFailed}), text ${r.textLength} chars${r.dbAfterWrite ? `, db: ${JSON.stringify(r.dbAfterWrite)}` : ''}`,
    );
    for (const l of r.loads)
      console.log(
        `    ${l.label}: join+sync ${fmt(l.joinSyncMs)} ms, connect+join+sync ${l.connectJoinSyncMs} ms, complete=${l.complete}`,
      );
    return;
  }
  const s = r.server ?? {};
  const lg = r.loadgen ?? {};
  const tput =
    r.ackedPerS !== undefined
      ? ` acked/s ${r.ackedPerS} delivered/s ${r.deliveredPerS}`
      : ` sent/s ${r.sendRatePerS}/${r.intendedRatePerS}`;
  console.log(
    `  ${target.padEnd(10)} e2e p50 ${fmt(r.e2e.p50)} p99 ${fmt(r.e2e.p99)} ms (n=${r.e2e.n}) | ack p50 ${fmt(r.ack.p50)} p99 ${fmt(r.ack.p99)} ms |${tput} | converged ${r.convergence.converged}` +
      `${r.lateJoinerMatches === null || r.lateJoinerMatches === undefined ? '' : ` late-joiner ${r.lateJoinerMatches}`} | server CPU ${fmt(s.cpuPct)}%${s.pgCpuPct !== null && s.pgCpuPct !== undefined ? ` (+pg ${s.pgCpuPct}%)` : ''} RSS ${fmt(s.rssMiB)} MiB (peak ${r.peakRssMiB}) | loadgen CPU ${lg.cpuPct}% loop p99 ${lg.loopDelayP99Ms} ms${lg.saturated ? ` LOADGEN ${lg.saturated}` : ''} | load ${r.loadAverage}`,
  );
  if (r.ackFailed) console.log(`    ${r.ackFailed} acks failed (last: ${r.lastError})`);
  for (const line of r.serverErrors ?? []) console.log(`    server: ${line.slice(0, 300)}`);
}

async function main() {
  console.log(`Koers collaboration benchmark ${quick ? '(quick)' : ''} — ${new Date().toISOString()}`);
  console.log(
    `node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model}), ${round(os.totalmem() / 2 ** 30)} GiB, load ${loadAverage()}`,
  );
  const database = targets.includes('koers') ? await createDatabase(pgAdmin, `koers_bench_${process.pid}`) : null;
  const results = [];
  try {
    for (const s of scenarioNames) {
      for (const scenario of S[s]) {
        console.log(`\n${scenario.name}`);
        const row = { scenario: scenario.name, results: {} };
        for (const target of targets) {
          let r;
          try {
            r = await runOne(target, scenario, target === 'koers' ? database : null);
          } catch (err) {
            r = { error: err.stack ?? String(err) };
          }
          row.results[target] = r;
          printResult(scenario.name, target, r);
        }
        const k = row.results.koers;
        const h = row.results.hocuspocus;
        if (k?.e2e && h?.e2e)
          console.log(
            `  koers/hocuspocus: e2e p99 ${ratio(k.e2e.p99, h.e2e.p99)}, server RSS ${ratio(k.server?.rssMiB, h.server?.rssMiB)}, server CPU ${ratio(k.server?.cpuPct, h.server?.cpuPct)}${k.ackedPerS ? `, acked/s ${ratio(k.ackedPerS, h.ackedPerS)}, delivered/s ${ratio(k.deliveredPerS, h.deliveredPerS)}` : ''}`,
          );
        results.push(row);
      }
    }
  } finally {
    if (database)
      await dropDatabase(pgAdmin, database.name).catch((err) =>
        console.error(`dropping ${database.name}: ${err.message}`),
      );
  }
  console.log(`\nload at the end: ${loadAverage()}`);
  if (jsonOut)
    fs.writeFileSync(
      jsonOut,
      JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, results }, null, 2),
    );
}

await main();
