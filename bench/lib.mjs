// Shared helpers for the benchmark: latency histogram, /proc sampling, free ports.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import pg from 'pg';

/** A linear latency histogram (0.1 ms buckets up to 60 s); cheap to fill from hot paths. */
export class Histogram {
  constructor(resolutionMs = 0.1, maxMs = 60_000) {
    this.res = resolutionMs;
    this.counts = new Uint32Array(Math.ceil(maxMs / resolutionMs) + 1);
    this.n = 0;
    this.max = 0;
    this.sum = 0;
  }
  add(ms) {
    if (ms < 0) ms = 0;
    const i = Math.min(this.counts.length - 1, Math.floor(ms / this.res));
    this.counts[i]++;
    this.n++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }
  percentile(p) {
    if (!this.n) return null;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return (i + 1) * this.res;
    }
    return this.max;
  }
  summary() {
    return {
      n: this.n,
      p50: round(this.percentile(50)),
      p99: round(this.percentile(99)),
      max: round(this.max),
      mean: this.n ? round(this.sum / this.n) : null,
    };
  }
}

export const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

const CLK_TCK = 100;
/** CPU seconds (user+system) of a process, from /proc/<pid>/stat; null if it is gone. */
export function procCpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14, 15)
  } catch {
    return null;
  }
}

/** Resident set size in MiB, from /proc/<pid>/status. */
export function procRssMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return null;
  }
}

export function loadAverage() {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server under test as a child process: Koers (`dist/apps/api/src/main.js`, ready when /api/health
 * answers) or a bench server (`bench/servers/<target>.mjs`, ready when it prints LISTENING <port>).
 * A restart keeps the port, so clients can reconnect to it.
 */
export class ServerChild {
  constructor(target, env, { root, entry }) {
    this.target = target;
    this.env = env;
    this.root = root;
    this.entry = entry;
    this.output = '';
  }
  async start(extraEnv = {}) {
    this.port ??= await freePort();
    const env = { PATH: process.env.PATH ?? '', PORT: String(this.port), ...this.env, ...extraEnv };
    if (!fs.existsSync(this.entry))
      throw new Error(
        `${this.entry} is missing${this.target === 'koers' ? ': build the API first (npm run build:api)' : ''}`,
      );
    this.child = spawn(
      process.execPath,
      [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), this.entry],
      { cwd: this.root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`${this.target} exited with ${this.child.exitCode}:\n${this.output}`);
      if (this.target === 'koers') {
        try {
          if ((await fetch(`${this.url}/api/health`)).ok) return;
        } catch {
          /* not yet */
        }
      } else if (/LISTENING \d+/.test(this.output)) return;
      await sleep(100);
    }
    this.child.kill('SIGKILL');
    throw new Error(`${this.target} did not start:\n${this.output}`);
  }
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  get pid() {
    return this.child.pid;
  }
  async stop(signal = 'SIGTERM') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** A fresh database for one benchmark run, on the PostgreSQL server of `adminUrl`; returns its URL. */
export async function createDatabase(adminUrl, name) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropDatabase(adminUrl, name) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
