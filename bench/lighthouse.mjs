#!/usr/bin/env node
// Lighthouse (mobile profile, performance only) against the built app (issue 19): the login, home,
// werkgroep, document and dashboard pages of the demo region, logged in, in Debian's Chromium.
//
//   npm run build && node bench/lighthouse.mjs [--runs 3] [--json FILE]
//
// Starts the built API (dist/apps/api/src/main.js, serving apps/web/dist) on a fresh PostgreSQL database
// (BENCH_PG_ADMIN_URL) with the demo region, logs in as the secretariat over REST and hands Lighthouse the
// session cookies as a Cookie header (its storage reset stays on, so every run starts with a cold cache),
// creates one document in the werkgroep Ondermijning, and runs Lighthouse `--runs` times per page (the
// median run by performance score is reported). CHROME_PATH (default /usr/bin/chromium) is the browser.
// Lighthouse's throttling is simulated (a slow 4G network and a 4x slower CPU), so its numbers depend on
// the page rather than on this machine's load, but not entirely: note the load average. See
// docs/benchmarks.md.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, dropDatabase, loadAverage, round, ServerChild } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(option('runs', 3));
/** Only these pages (comma-separated names), e.g. --pages document,dashboard. */
const ONLY = option('pages', null)?.split(',');
const jsonOut = option('json', null);
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const SECRETARIAT = { email: 'secretariaat@demo.koers.nl', password: 'koers-demo' };

/** Logs in over REST; returns the session cookies as a Cookie header and the access token. */
async function login(url) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SECRETARIAT),
  });
  if (!response.ok) throw new Error(`Login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return { cookie, token: (await response.json()).accessToken };
}

async function apiJson(url, token, method, urlPath, body) {
  const response = await fetch(`${url}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${await response.text()}`);
  return response.json();
}

function summarise(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue ?? null;
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    fcpMs: round(audit('first-contentful-paint'), 0),
    lcpMs: round(audit('largest-contentful-paint'), 0),
    tbtMs: round(audit('total-blocking-time'), 0),
    cls: round(audit('cumulative-layout-shift'), 3),
    speedIndexMs: round(audit('speed-index'), 0),
    transferKiB: round((audit('total-byte-weight') ?? 0) / 1024, 0),
    lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
    runtimeError: lhr.runtimeError?.message ?? null,
    layoutShifts: (lhr.audits['layout-shifts']?.details?.items ?? []).map(
      (item) => `${round(item.score, 3)} ${item.node?.snippet?.slice(0, 80) ?? '?'}`,
    ),
  };
}

async function main() {
  const name = `koers_bench_lighthouse_${process.pid}`;
  const { url: databaseUrl } = await createDatabase(pgAdmin, name);
  const server = new ServerChild(
    'koers',
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      KOERS_JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      KOERS_DEMO: 'true',
      KOERS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-lighthouse-')),
      KOERS_LOGIN_RATE_LIMIT: '10000',
      KOERS_WEB_DIST: path.join(root, 'apps/web/dist'),
    },
    { root, entry: path.join(root, 'dist/apps/api/src/main.js') },
  );
  let chrome = null;
  try {
    await server.start();
    const url = server.url;
    const { token } = await login(url);
    const workgroups = await apiJson(url, token, 'GET', '/api/workgroups');
    const list = Array.isArray(workgroups) ? workgroups : workgroups.items;
    const ondermijning = list.find((w) => /ondermijning/i.test(w.name)) ?? list[0];
    const document = await apiJson(url, token, 'POST', `/api/workgroups/${ondermijning.id}/documents`, {
      title: 'Plan van aanpak',
      kind: 'notitie',
    });
    const pages = [
      ['login', '/inloggen', false],
      ['home', '/', true],
      ['werkgroep', `/werkgroepen/${ondermijning.id}`, true],
      ['document', `/documenten/${document.id}`, true],
      ['dashboard', '/dashboard', true],
    ];

    chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const results = [];
    const loadBefore = loadAverage();
    // The first Lighthouse run in a fresh browser sometimes records no trace (NO_NAVSTART): warm it up.
    await lighthouse(`${url}/inloggen`, { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'] });
    for (const [page, urlPath, loggedIn] of pages) {
      if (ONLY && !ONLY.includes(page)) continue;
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh login per run: the access cookie lives 15 minutes, and no run refreshes another's session.
        const extraHeaders = loggedIn ? { Cookie: (await login(url)).cookie } : undefined;
        let summary;
        // A run without a trace (NO_NAVSTART, a Lighthouse hiccup) is repeated once.
        for (let attempt = 0; attempt < 2 && !summary?.fcpMs; attempt++) {
          const { lhr } = await lighthouse(`${url}${urlPath}`, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            extraHeaders,
          });
          summary = summarise(lhr);
        }
        runs.push(summary);
      }
      runs.sort((a, b) => a.score - b.score);
      const median = runs[Math.floor(runs.length / 2)];
      results.push({ page, path: urlPath, ...median, scores: runs.map((r) => r.score) });
      console.log(`${page}: ${JSON.stringify(median)} (scores ${runs.map((r) => r.score).join(', ')})`);
    }
    const loadAfter = loadAverage();

    console.log(`\n| page | performance | FCP ms | LCP ms | TBT ms | CLS | Speed Index ms | transfer | LCP element |`);
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results)
      console.log(
        `| ${r.page} | **${r.score}** (${r.scores.join(', ')}) | ${r.fcpMs} | ${r.lcpMs} | ${r.tbtMs} | ${r.cls} | ${r.speedIndexMs} | ${r.transferKiB} KiB | \`${(r.lcpElement ?? '').slice(0, 60)}\` |`,
      );
    console.log(
      `\nLighthouse ${lhrVersion()}, ${chromePath}; ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; load average before ${loadBefore}, after ${loadAfter}; ${new Date().toISOString()}`,
    );
    if (jsonOut)
      fs.writeFileSync(
        jsonOut,
        JSON.stringify({ results, loadBefore, loadAfter, at: new Date().toISOString() }, null, 2),
      );
    const missed = results.filter((r) => r.score < 90 || r.cls >= 0.1);
    if (missed.length > 0) {
      console.log(`Below performance 90 or CLS 0.1 or more: ${missed.map((r) => r.page).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    if (chrome) await chrome.kill();
    await server.stop();
    await dropDatabase(pgAdmin, name);
  }
}

function lhrVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules/lighthouse/package.json'), 'utf8')).version;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
