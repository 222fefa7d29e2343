// The load generator: one scenario against one target, in its own process (forked by run.mjs, which runs
// the server as another child). All simulated editors live here, so every latency is measured on one
// clock (performance.now()). Results go back to run.mjs over the IPC channel.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { HocuspocusClient, Probe, SocketIoClient } from './clients.mjs';
import { Histogram, round, sleep } from './lib.mjs';

const cfg = JSON.parse(process.env.BENCH_CONFIG);
const replies = [];
process.on('message', (message) => replies.shift()?.(message));
/** Asks run.mjs for something (a mark for its CPU/RSS sampling, a server restart) and waits for the answer. */
const ask = (message) =>
  new Promise((resolve) => {
    replies.push(resolve);
    process.send(message);
  });

// ---------------------------------------------------------------- targets

async function koersTarget(url) {
  const login = async (email) => {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'koers-demo' }),
    });
    if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    return (await response.json()).accessToken;
  };
  const tokens = [await login('aanjager.ondermijning@demo.koers.nl'), await login('ovj.ondermijning@demo.koers.nl')];
  const api = async (method, route, body) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const workgroups = await api('GET', '/api/workgroups');
  const workgroupId = workgroups.find((w) => w.name.includes('Ondermijning')).id;
  return {
    async createDocs(n) {
      const ids = [];
      for (let i = 0; i < n; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(10, n - i) }, (_, j) =>
            api('POST', `/api/workgroups/${workgroupId}/documents`, { title: `Bench ${i + j}`, kind: 'notitie' }),
          ),
        );
        ids.push(...batch.map((d) => d.id));
      }
      return ids;
    },
    // Editors alternate between two werkgroep members; editors of one user share its access token.
    client: (documentId, i, probe, ackHist) =>
      new SocketIoClient({ url, token: tokens[i % 2], documentId, sync: true, probe, ackHist }),
  };
}

function relayTarget(url) {
  return {
    createDocs: async (n) => Array.from({ length: n }, (_, i) => `doc-${process.pid}-${Date.now()}-${i}`),
    client: (documentId, i, probe, ackHist) =>
      new SocketIoClient({ url, token: null, documentId, sync: false, probe, ackHist }),
  };
}

function hocuspocusTarget(wsUrl) {
  return {
    createDocs: async (n) => Array.from({ length: n }, (_, i) => `doc-${process.pid}-${Date.now()}-${i}`),
    client: (documentId, i, probe, ackHist) => new HocuspocusClient({ url: wsUrl, documentId, probe, ackHist }),
  };
}

const makeTarget = () =>
  cfg.target === 'koers'
    ? koersTarget(cfg.url)
    : cfg.target === 'relay'
      ? relayTarget(cfg.url)
      : hocuspocusTarget(cfg.url.replace(/^http/, 'ws'));

// ---------------------------------------------------------------- measuring helpers

async function openAll(clients, concurrency = 50) {
  for (let i = 0; i < clients.length; i += concurrency)
    await Promise.all(clients.slice(i, i + concurrency).map((c) => c.open()));
}

/** Load generator health: its own CPU (one core = 100 %) and event-loop delay over a window. */
function selfMeter() {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    loop.disable();
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    const cpuPct = ((cpu.user + cpu.system) / 1000 / wall) * 100;
    const delay = loop.percentile(99) / 1e6;
    return {
      cpuPct: round(cpuPct),
      loopDelayP99Ms: round(delay),
      saturated: cpuPct > 85 ? 'cpu-bound' : delay > 50 ? 'lagging (CPU taken by others)' : false,
    };
  };
}

/** Waits until every document's editors hold the same text of the expected length. */
async function converge(groups, expected, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const t0 = performance.now();
  for (;;) {
    let ok = true;
    for (let g = 0; g < groups.length && ok; g++) {
      const first = groups[g][0].text();
      if (first.length !== expected[g]) ok = false;
      else for (const c of groups[g]) if (c.text() !== first) ok = false;
    }
    if (ok) return { converged: true, afterMs: round(performance.now() - t0) };
    if (Date.now() > deadline) {
      const lengths = groups
        .slice(0, 3)
        .map((g, i) => ({ expected: expected[i], lengths: [...new Set(g.map((c) => c.text().length))] }));
      return { converged: false, afterMs: round(performance.now() - t0), sample: lengths };
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------- scenarios

/** S1 and S2: `docs` documents x `editors` editors, each typing `rate` keystrokes/s for `durationMs`. */
async function typing({ docs: docCount, editors, rate, durationMs, lateJoiner }) {
  const target = await makeTarget();
  const e2e = new Histogram();
  const acks = new Histogram();
  const probe = new Probe(e2e);
  const docIds = await target.createDocs(docCount);
  const groups = docIds.map((id, d) =>
    Array.from({ length: editors }, (_, i) => target.client(id, d * editors + i, probe, acks)),
  );
  const all = groups.flat();
  const tOpen = performance.now();
  await openAll(all);
  const openMs = performance.now() - tOpen;
  await sleep(500);
  (acks.counts.fill(0), (acks.n = 0), (acks.sum = 0), (acks.max = 0)); // the join/sync messages are not keystrokes

  await ask({ type: 'mark', name: 'start' });
  const meter = selfMeter();
  const typed = new Array(docCount).fill(0);
  // Keystrokes spread evenly: editor k types at phase k/E of each period, round-robin.
  const perMs = (all.length * rate) / 1000;
  const t0 = performance.now();
  let done = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      const due = Math.floor(Math.min(elapsed, durationMs) * perMs);
      while (done < due) {
        const k = done % all.length;
        all[k].type(String.fromCharCode(97 + (done % 26)));
        typed[Math.floor(k / editors)]++;
        done++;
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const wallMs = performance.now() - t0;
  const self = meter();
  const server = await ask({ type: 'mark', name: 'end' });
  await Promise.all(all.map((c) => c.idle()));
  const convergence = await converge(groups, typed, 20_000);
  let late = null;
  if (lateJoiner && cfg.target !== 'relay') {
    // A fresh client must get the same state from the server.
    const c = target.client(docIds[0], 0, null, null);
    await c.open();
    await sleep(200);
    late = c.text() === groups[0][0].text();
    c.close();
  }
  const failed = all.reduce((n, c) => n + c.failed, 0);
  const lastError = all.find((c) => c.lastError)?.lastError ?? null;
  all.forEach((c) => c.close());
  return {
    clients: all.length,
    openMs: round(openMs),
    sent: done,
    sendRatePerS: round(done / (wallMs / 1000)),
    intendedRatePerS: all.length * rate,
    expectedDeliveries: done * (editors - 1),
    delivered: probe.delivered,
    e2e: e2e.summary(),
    ack: acks.summary(),
    ackFailed: failed,
    lastError,
    convergence,
    lateJoinerMatches: late,
    loadgen: self,
    server,
  };
}

/** S4: one document, `editors` editors, each sending its next keystroke as soon as the previous is acked. */
async function flood({ editors, durationMs }) {
  const target = await makeTarget();
  const e2e = new Histogram();
  const acks = new Histogram();
  const probe = new Probe(e2e);
  const [docId] = await target.createDocs(1);
  const clients = Array.from({ length: editors }, (_, i) => target.client(docId, i, probe, acks));
  await openAll(clients);
  await sleep(500);
  (acks.counts.fill(0), (acks.n = 0), (acks.sum = 0), (acks.max = 0));
  await ask({ type: 'mark', name: 'start' });
  const meter = selfMeter();
  let stop = false;
  let sent = 0;
  const t0 = performance.now();
  const delivered0 = probe.delivered;
  const loops = clients.map(async (c) => {
    while (!stop) {
      c.type(String.fromCharCode(97 + (sent++ % 26)));
      await c.idle();
    }
  });
  await sleep(durationMs);
  stop = true;
  const wallMs = performance.now() - t0;
  const deliveredInWindow = probe.delivered - delivered0;
  const ackedInWindow = acks.n;
  const self = meter();
  const server = await ask({ type: 'mark', name: 'end' });
  await Promise.all(loops);
  const convergence = await converge([clients], [sent], 20_000);
  const failed = clients.reduce((n, c) => n + c.failed, 0);
  clients.forEach((c) => c.close());
  return {
    clients: editors,
    sent,
    ackedPerS: round(ackedInWindow / (wallMs / 1000)),
    deliveredPerS: round(deliveredInWindow / (wallMs / 1000)),
    e2e: e2e.summary(),
    ack: acks.summary(),
    ackFailed: failed,
    convergence,
    loadgen: self,
    server,
  };
}

/** S3: a document with `updates` updates of history; join+sync time warm, and (Koers) cold after restarts. */
async function history({ updates, writers }) {
  if (cfg.target === 'relay') return { skipped: 'the relay keeps no document state, so there is nothing to load' };
  const target = await makeTarget();
  const [docId] = await target.createDocs(1);
  const ws = Array.from({ length: writers }, (_, i) => target.client(docId, i, null, null));
  await openAll(ws);
  const tWrite = performance.now();
  await Promise.all(
    ws.map(async (c, w) => {
      for (let k = 0; k < updates / writers; k++) {
        c.type(String.fromCharCode(97 + ((k + w) % 26)));
        if (c.outstanding >= 64) await c.idle();
      }
      await c.idle();
    }),
  );
  const writeMs = performance.now() - tWrite;
  const failed = ws.reduce((n, c) => n + c.failed, 0);
  const convergence = await converge([ws], [updates], 20_000);
  const reference = ws[0].text();
  const result = {
    updates,
    writers,
    writeMs: round(writeMs),
    writeFailed: failed,
    textLength: reference.length,
    convergence,
    loads: [],
  };

  const measureJoin = async (label, extra = {}) => {
    const c = target.client(docId, 0, null, null);
    const t0 = performance.now();
    let joinMs = null;
    if (c instanceof SocketIoClient) {
      await c.connect();
      const t1 = performance.now();
      await c.join();
      joinMs = performance.now() - t1;
    } else await c.open();
    const totalMs = performance.now() - t0;
    const complete = c.text() === reference;
    c.close();
    result.loads.push({ label, joinSyncMs: round(joinMs), connectJoinSyncMs: round(totalMs), complete, ...extra });
  };
  await measureJoin('warm (document in server memory)');
  ws.forEach((c) => c.close());
  if (cfg.target !== 'koers') return result;

  const db = new pg.Client({ connectionString: cfg.databaseUrl });
  await db.connect();
  const dbState = async () => {
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1', [docId]))
      .rows;
    const snap = (
      await db.query('SELECT length(state) AS bytes FROM document_snapshots WHERE document_id = $1', [docId])
    ).rows[0];
    return { logRows: n, snapshotBytes: snap ? Number(snap.bytes) : 0 };
  };
  try {
    result.dbAfterWrite = await dbState();
    // 1. The pure log: compaction is off (run.mjs started the server with a huge KOERS_COLLAB_COMPACT_AFTER)
    //    and the server is killed (SIGKILL) after every update was acknowledged, so nothing merges the log.
    await ask({ type: 'restart', signal: 'SIGKILL' });
    let state = await dbState();
    await measureJoin(
      `cold after SIGKILL (${state.snapshotBytes ? 'snapshot + ' : 'no snapshot, '}${state.logRows} log rows)`,
      { db: state },
    );
    // 2. A graceful stop (SIGTERM), as in a deploy: shutdown may merge the log of the open document.
    await ask({ type: 'restart', signal: 'SIGTERM' });
    state = await dbState();
    await measureJoin(
      `cold after SIGTERM (${state.snapshotBytes ? `${state.snapshotBytes} B snapshot + ` : 'no snapshot, '}${state.logRows} log rows)`,
      { db: state },
    );
    // 3. Compacted: unload quickly after the last editor leaves, which merges the log into a snapshot.
    await ask({
      type: 'restart',
      signal: 'SIGTERM',
      env: { KOERS_COLLAB_UNLOAD_AFTER_MS: '200', KOERS_COLLAB_COMPACT_AFTER: '500' },
    });
    await measureJoin('cold again (second restart)', { db: await dbState() });
    for (let i = 0; i < 100 && (await dbState()).logRows > 0; i++) await sleep(200);
    await ask({
      type: 'restart',
      signal: 'SIGTERM',
      env: { KOERS_COLLAB_UNLOAD_AFTER_MS: '200', KOERS_COLLAB_COMPACT_AFTER: '500' },
    });
    state = await dbState();
    await measureJoin(`cold, compacted (${state.snapshotBytes} B snapshot + ${state.logRows} log rows)`, { db: state });
    await ask({
      type: 'restart',
      signal: 'SIGTERM',
      env: { KOERS_COLLAB_UNLOAD_AFTER_MS: '200', KOERS_COLLAB_COMPACT_AFTER: '500' },
    });
    await measureJoin('cold, compacted (repeat)', { db: await dbState() });
  } finally {
    await db.end();
  }
  return result;
}

// ---------------------------------------------------------------- main

const scenarios = { typing, flood, history };
try {
  const result = await scenarios[cfg.kind](cfg.params);
  process.send({ type: 'result', result }, () => process.exit(0));
} catch (err) {
  process.send({ type: 'error', error: err.stack ?? String(err) }, () => process.exit(1));
}
