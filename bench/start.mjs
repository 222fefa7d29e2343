#!/usr/bin/env node
// Start-up benchmark (issue 19): how long `npm start` takes to answer /api/health when the build is up to
// date, and the idle memory of the server after start.
//
//   node bench/start.mjs [--starts 3] [--idle 10] [--postgres] [--json FILE]
//
// Runs `npm start` exactly as the README says (a fresh KOERS_DATA_DIR, so the first start also migrates and
// seeds the demo region), first once to bring the build up to date and create the data, then `--starts`
// times more, each timed from spawning `npm start` to the first 200 from /api/health. After the last start
// it waits `--idle` seconds and reads the server process's RSS from /proc (the lowest of ten samples over
// two seconds). Default: the embedded database (PGlite, in the server process, as `npm start` without
// DATABASE_URL); `--postgres` uses a fresh database on BENCH_PG_ADMIN_URL instead. See docs/benchmarks.md.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, dropDatabase, freePort, loadAverage, procRssMiB, round, sleep } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const STARTS = Number(option('starts', 3));
const IDLE_SECONDS = Number(option('idle', 10));
const POSTGRES = process.argv.includes('--postgres');
const jsonOut = option('json', null);
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

/** The node process that runs scripts/start.mjs (and so the server), among the descendants of `pid`. */
function serverPid(pid) {
  const children = (p) => {
    try {
      return fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    let argv = [];
    try {
      argv = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
    } catch {
      /* gone */
    }
    if (path.basename(argv[0] ?? '') === 'node' && argv.some((arg) => arg.endsWith('scripts/start.mjs'))) return p;
    queue.push(...children(p));
  }
  return null;
}

async function npmStart(env) {
  const started = performance.now();
  // Its own process group, so that stopping it reaches npm, the shell and the server.
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let built = false;
  const keep = (chunk) => {
    built ||= chunk.toString().includes('building first');
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, seconds, built, stop };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-start-'));
const port = await freePort();
const database = POSTGRES ? await createDatabase(pgAdmin, `koers_bench_start_${process.pid}`) : null;
const env = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? os.homedir(),
  PORT: String(port),
  KOERS_DATA_DIR: dataDir,
  ...(database ? { DATABASE_URL: database.url } : {}),
};

const result = {
  date: new Date().toISOString(),
  node: process.version,
  database: POSTGRES ? 'PostgreSQL' : 'embedded (PGlite)',
  loadBefore: loadAverage(),
  starts: [],
};
try {
  console.log(`npm start (${result.database}), load average ${result.loadBefore}`);
  const first = await npmStart(env);
  await first.stop();
  result.first = { seconds: round(first.seconds, 2), built: first.built };
  console.log(
    `  first start (${first.built ? 'with build' : 'build up to date'}, empty data directory): ${round(first.seconds, 2)} s`,
  );
  let last;
  for (let i = 1; i <= STARTS; i++) {
    const run = await npmStart(env);
    result.starts.push({ seconds: round(run.seconds, 2), built: run.built });
    console.log(`  start ${i + 1}${run.built ? ' (BUILT AGAIN)' : ''}: ${round(run.seconds, 2)} s to /api/health`);
    if (i < STARTS) await run.stop();
    else last = run;
  }
  await sleep(IDLE_SECONDS * 1000);
  const pid = serverPid(last.child.pid);
  const samples = [];
  for (let i = 0; i < 10; i++) {
    samples.push(procRssMiB(pid));
    await sleep(200);
  }
  result.idleRssMiB = round(Math.min(...samples));
  result.loadAfter = loadAverage();
  console.log(`  idle server RSS after ${IDLE_SECONDS} s: ${result.idleRssMiB} MiB (pid ${pid})`);
  console.log(`  load average after: ${result.loadAfter}`);
  await last.stop();
} finally {
  if (database) await dropDatabase(pgAdmin, database.name);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2));
