// Shared helpers for the benchmark: latency histogram, /proc sampling, free ports.
import * as fs from 'node:fs';
import * as net from 'node:net';

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
    return { n: this.n, p50: round(this.percentile(50)), p99: round(this.percentile(99)), max: round(this.max), mean: this.n ? round(this.sum / this.n) : null };
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
