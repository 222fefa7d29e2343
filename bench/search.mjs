#!/usr/bin/env node
// The search benchmark: GET /api/search over the generated region (bench/region.mjs) with Dutch text added
// to it, measured sequentially for the secretariat (sees everything) and a werkgroep member, over a mix of
// queries (parts of compounds, prefixes, stems, several words, one kind). Prints p50/p95 per query and role.
//
//   npm run build:api && node bench/search.mjs [--requests 200] [--warmup 20] [--keep] [--json FILE]
//
// Creates a fresh PostgreSQL database (BENCH_PG_ADMIN_URL, default postgres://root@127.0.0.1:5432/postgres),
// starts the built API on it, generates the region, adds the text below, measures and drops the database.
// Document text is written straight into document_search_texts (what the indexer would derive from the Yjs
// state), since the benchmark measures searching, not indexing. See docs/benchmarks.md and docs/search.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import pg from 'pg';
import { createDatabase, dropDatabase, Histogram, loadAverage, round } from './lib.mjs';
import { ADMIN, generateRegion, login, startApi, waitForAdmin } from './region.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const REQUESTS = Number(option('requests', 200));
const WARMUP = Number(option('warmup', 20));
const jsonOut = option('json', null);
const KEEP = process.argv.includes('--keep');
const pgAdmin = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

/** What is added to the region: about what a region writes in a few years. */
const TEXT_SIZE = {
  documents: 600,
  documentWords: 900,
  sessions: 800,
  agendaPerSession: 4,
  decisions: 1500,
  knowledge: 250,
};

let seed = 20_261_203;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (list) => list[Math.floor(random() * list.length)];

// Dutch vocabulary of the domain, compounds included, so the part-of-word matches have work to do.
const WORDS = (
  'aanpak ondermijning drugscriminaliteit mensenhandel mensenhandelnetwerken jongeren jeugdcriminaliteit ' +
  'geldstromen witwassen vastgoed bestuurlijke weerbaarheid haven logistiek signalen informatiedeling ' +
  'gemeente gemeenten burgemeester officier justitie politie belastingdienst zorg veiligheid wijk wijken ' +
  'preventie repressie handhaving vergunning vergunningen bibob sluiting woning woningen ondernemers ' +
  'cybercriminaliteit phishing ransomware digitale weerbaarheid bewustwording campagne evaluatie plan ' +
  'uitvoering voortgang werkgroep overleg vergadering vergaderingen besluit besluiten actiepunt ' +
  'maatschappelijke onrust polarisatie radicalisering demonstraties openbare orde crisis netwerk ' +
  'samenwerking convenant districten regio partners kennis interventie interventies praktijk'
).split(' ');
const STOP = 'de het een en van in op met voor door naar bij over om tot als dat die'.split(' ');
function sentence(n) {
  const words = [];
  for (let i = 0; i < n; i++) words.push(random() < 0.35 ? pick(STOP) : pick(WORDS));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(' ') + '.';
}
function text(words) {
  const parts = [];
  for (let n = 0; n < words; n += 12) parts.push(sentence(12));
  return parts.join(' ');
}

async function insertRows(db, table, columns, rows) {
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const params = [];
    const values = chunk.map((row) => `(${columns.map((c) => (params.push(row[c]), `$${params.length}`)).join(', ')})`);
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

/** Gives the region's actions descriptions and adds documents with text, sessions and kennisbank items. */
async function addText(db) {
  await db.query('BEGIN');
  const { rows: actions } = await db.query('SELECT id FROM actions');
  for (let start = 0; start < actions.length; start += 500) {
    const chunk = actions.slice(start, start + 500);
    await db.query(
      `UPDATE actions a SET title = v.title, description = v.description
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, title, description) WHERE a.id = v.id`,
      [chunk.map((a) => a.id), chunk.map(() => sentence(6).slice(0, -1)), chunk.map(() => text(40))],
    );
  }
  const { rows: workgroups } = await db.query('SELECT id, theme_id FROM workgroups');
  const documents = [];
  for (let i = 0; i < TEXT_SIZE.documents; i++)
    documents.push({
      workgroup_id: pick(workgroups).id,
      title: sentence(4).slice(0, -1),
      kind: pick(['notitie', 'verslag', 'plan_van_aanpak']),
    });
  await insertRows(db, 'documents', ['workgroup_id', 'title', 'kind'], documents);
  const { rows: docIds } = await db.query('SELECT id FROM documents');
  await insertRows(
    db,
    'document_search_texts',
    ['document_id', 'body', 'snapshot_at'],
    docIds.map(({ id }) => ({
      document_id: id,
      body: text(TEXT_SIZE.documentWords),
      snapshot_at: new Date().toISOString(),
    })),
  );
  const sessions = [];
  for (let i = 0; i < TEXT_SIZE.sessions; i++) {
    const day = new Date(Date.now() + (i - TEXT_SIZE.sessions / 2) * 86_400_000);
    sessions.push({
      workgroup_id: pick(workgroups).id,
      type: pick(['werksessie', 'kennissessie', 'bestuurlijk_overleg']),
      title: sentence(4).slice(0, -1).padEnd(3, '.'),
      description: text(30),
      starts_at: day.toISOString(),
      ends_at: new Date(day.getTime() + 7_200_000).toISOString(),
    });
  }
  await insertRows(
    db,
    'workgroup_sessions',
    ['workgroup_id', 'type', 'title', 'description', 'starts_at', 'ends_at'],
    sessions,
  );
  const { rows: sessionIds } = await db.query('SELECT id FROM workgroup_sessions');
  const agenda = [];
  for (const { id } of sessionIds)
    for (let p = 0; p < TEXT_SIZE.agendaPerSession; p++)
      agenda.push({
        session_id: id,
        placement: 'agenda',
        position: p,
        title: sentence(5).slice(0, -1),
        description: text(25),
      });
  await insertRows(db, 'session_agenda_items', ['session_id', 'placement', 'position', 'title', 'description'], agenda);
  const decisions = [];
  for (let i = 0; i < TEXT_SIZE.decisions; i++) decisions.push({ session_id: pick(sessionIds).id, text: text(30) });
  await insertRows(db, 'session_decisions', ['session_id', 'text'], decisions);
  const knowledge = [];
  for (let i = 0; i < TEXT_SIZE.knowledge; i++)
    knowledge.push({
      theme_id: pick(workgroups).theme_id,
      title: sentence(4).slice(0, -1).padEnd(3, '.'),
      description: text(80),
      tags: `{${[pick(WORDS), pick(WORDS)].join(',')}}`,
    });
  await insertRows(db, 'knowledge_items', ['theme_id', 'title', 'description', 'tags'], knowledge);
  await db.query('COMMIT');
  // What autovacuum does in a running region: it also empties the GIN indexes' pending lists, without
  // which the planner prices the fresh trigram indexes too high and scans the tables instead.
  await db.query('VACUUM ANALYZE');
  return {
    documents: TEXT_SIZE.documents,
    documentWords: TEXT_SIZE.documentWords,
    sessions: TEXT_SIZE.sessions,
    agendaItems: agenda.length,
    decisions: TEXT_SIZE.decisions,
    knowledge: TEXT_SIZE.knowledge,
    actions: actions.length,
  };
}

const QUERIES = [
  'drugs',
  'criminaliteit',
  'mensenh',
  'vergaderingen',
  'aanpak jongeren',
  'plan van aanpak haven',
  'zorg',
  'type=action:witwas',
  'type=document:netwerk',
];

async function fetchSearch(url, token, q) {
  const [type, query] = q.startsWith('type=') ? q.slice(5).split(':') : [null, q];
  const params = new URLSearchParams(type ? { q: query, type } : { q: query });
  const started = performance.now();
  const response = await fetch(`${url}/api/search?${params}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`Search answered ${response.status}: ${body.slice(0, 300)}`);
  const hits = JSON.parse(body).groups.reduce((n, g) => n + g.hits.length, 0);
  return { ms, hits };
}

async function main() {
  const name = `koers_bench_search_${process.pid}`;
  const { url: databaseUrl } = await createDatabase(pgAdmin, name);
  let api = null;
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    api = await startApi(databaseUrl);
    await db.connect();
    const admin = await waitForAdmin(db);
    const { counts } = await generateRegion(db, admin);
    const added = await addText(db);
    console.log('Region:', JSON.stringify(counts));
    console.log('Text added:', JSON.stringify(added));
    const { rows: member } = await db.query(
      `SELECT u.email FROM users u JOIN workgroup_members m ON m.user_id = u.id ORDER BY u.email LIMIT 1`,
    );
    const roles = [
      { role: 'secretariaat', token: await login(api.url, ADMIN.email) },
      { role: 'werkgroeplid', token: await login(api.url, member[0].email) },
    ];
    const loadBefore = loadAverage();
    const variants = roles.flatMap((r) => QUERIES.map((q) => ({ ...r, q })));
    for (let i = 0; i < WARMUP; i++) for (const v of variants) await fetchSearch(api.url, v.token, v.q);
    const stats = variants.map(() => ({ histogram: new Histogram(0.05), hits: 0 }));
    const all = new Histogram(0.05);
    for (let i = 0; i < REQUESTS; i++)
      for (const [k, v] of variants.entries()) {
        const r = await fetchSearch(api.url, v.token, v.q);
        stats[k].histogram.add(r.ms);
        all.add(r.ms);
        stats[k].hits = r.hits;
      }
    const loadAfter = loadAverage();
    const results = variants.map((v, k) => ({
      role: v.role,
      query: v.q,
      n: stats[k].histogram.n,
      hits: stats[k].hits,
      p50: round(stats[k].histogram.percentile(50), 2),
      p95: round(stats[k].histogram.percentile(95), 2),
      max: round(stats[k].histogram.max, 2),
    }));
    console.log('');
    console.log('| role | query | requests | hits | p50 ms | p95 ms | max ms |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results)
      console.log(`| ${r.role} | \`${r.query}\` | ${r.n} | ${r.hits} | ${r.p50} | ${r.p95} | ${r.max} |`);
    const overall = { n: all.n, p50: round(all.percentile(50), 2), p95: round(all.percentile(95), 2) };
    console.log(`\nAll searches: ${overall.n} requests, p50 ${overall.p50} ms, p95 ${overall.p95} ms`);
    console.log(
      `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}; load average before ${loadBefore}, after ${loadAfter}; ${new Date().toISOString()}`,
    );
    if (jsonOut)
      fs.writeFileSync(
        jsonOut,
        JSON.stringify(
          { counts, added, results, overall, loadBefore, loadAfter, at: new Date().toISOString() },
          null,
          2,
        ),
      );
    if (overall.p95 >= 50) {
      console.log(`p95 ${overall.p95} ms is above the 50 ms budget`);
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
