// The generated region of realistic size that the REST benchmarks measure (bench/dashboard.mjs,
// bench/rest-load.mjs): the built API on a fresh PostgreSQL database without demo data, bootstrapping one
// secretariat account, and the region written directly with SQL. See docs/benchmarks.md.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerChild, sleep } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const koersMain = path.join(root, 'dist/apps/api/src/main.js');

export const SIZE = {
  themes: 5,
  focusAreasPerTheme: [4, 3, 5, 4, 3],
  organisations: 40,
  users: 160,
  membersPerWorkgroup: 14,
  actions: 5000,
  cycles: 10,
  measurements: 500,
};
export const ADMIN = { email: 'secretariaat@bench.koers.nl', password: 'bench-wachtwoord-2026' };
export const RVC_EMAIL = 'rvc@bench.koers.nl';
const STATUSES = ['op_koers', 'aandacht_nodig', 'achterstand', 'afgerond', 'nog_niet_gestart'];

// A deterministic generator, so every run measures the same region.
let seed = 20_261_124;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const dayOffset = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The application's own version hash (from the build), so the generated versions verify like real ones. */
const { versionContentHash } = createRequire(import.meta.url)(
  path.join(root, 'dist/libs/reporting/src/content-hash.js'),
);

// ---------------------------------------------------------------- database and server

/** The built API on the generated region's database, without demo data; bootstraps the secretariat account. */
export async function startApi(databaseUrl) {
  const api = new ServerChild(
    'koers',
    {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      KOERS_JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      KOERS_DEMO: 'false',
      KOERS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-dashboard-')),
      KOERS_LOGIN_RATE_LIMIT: '10000',
      KOERS_ADMIN_EMAIL: ADMIN.email,
      KOERS_ADMIN_PASSWORD: ADMIN.password,
      KOERS_REGION_NAME: 'Benchregio',
    },
    { root, entry: koersMain },
  );
  await api.start();
  return api;
}

export async function waitForAdmin(db) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await db.query('SELECT id, organisation_id, password_hash FROM users WHERE email = $1', [
      ADMIN.email,
    ]);
    if (rows.length) return rows[0];
    await sleep(100);
  }
  throw new Error('The first secretariat account was not bootstrapped');
}

// ---------------------------------------------------------------- the generated region

async function insertRows(db, table, columns, rows, casts = {}) {
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const params = [];
    const values = chunk.map(
      (row) =>
        `(${columns
          .map((c) => {
            params.push(row[c]);
            return `$${params.length}${casts[c] ?? ''}`;
          })
          .join(', ')})`,
    );
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

export async function generateRegion(db, admin) {
  const counts = {};
  await db.query('BEGIN');
  // The benchmarks measure the work, not signing in: the server would otherwise ask the secretariat to enrol
  // a second factor first (MFA_ENROLMENT_REQUIRED on every route).
  await db.query(`INSERT INTO mfa_policy (require_all, require_secretariat, require_rvc) VALUES (false, false, false)
                  ON CONFLICT (id) DO UPDATE SET require_all = false, require_secretariat = false, require_rvc = false`);
  const [{ region_id: regionId }] = (
    await db.query('SELECT region_id FROM organisations WHERE id = $1', [admin.organisation_id])
  ).rows;
  const [{ id: strategyId }] = (
    await db.query(
      `INSERT INTO strategies (region_id, title, motto, period_start, period_end, status, adopted_on) VALUES ($1, 'Regionale Veiligheidsstrategie Benchregio 2023-2027', 'Samen sterker', $2, $3, 'vastgesteld', $2) RETURNING id`,
      [regionId, dayOffset(-5 * 365), dayOffset(365)],
    )
  ).rows;

  // Organisations: 40, mostly gemeenten, with the usual partners.
  const orgTypes = ['openbaar_ministerie', 'politie', 'belastingdienst', 'partner', 'partner'];
  const organisations = [{ id: admin.organisation_id }];
  for (let i = 1; i < SIZE.organisations; i++) {
    const type = i <= orgTypes.length ? orgTypes[i - 1] : 'gemeente';
    const { rows } = await db.query(
      'INSERT INTO organisations (region_id, name, type) VALUES ($1, $2, $3) RETURNING id',
      [regionId, type === 'gemeente' ? `Gemeente Bench ${i}` : `Partner ${type} ${i}`, type],
    );
    organisations.push({ id: rows[0].id });
  }

  // Users (same password as the bootstrapped account), one of them an RVC member.
  const users = [];
  const userRows = [];
  for (let i = 0; i < SIZE.users; i++) {
    userRows.push({
      email: `gebruiker${i}@bench.koers.nl`,
      display_name: `Gebruiker ${i}`,
      function: pick(['burgemeester', 'officier_van_justitie', 'sectorhoofd_politie', 'ambtenaar', 'partner']),
      organisation_id: organisations[1 + (i % (organisations.length - 1))].id,
      password_hash: admin.password_hash,
    });
  }
  await insertRows(db, 'users', ['email', 'display_name', 'function', 'organisation_id', 'password_hash'], userRows);
  users.push(
    ...(
      await db.query(
        `SELECT id, organisation_id FROM users WHERE email LIKE 'gebruiker%@bench.koers.nl' ORDER BY email`,
      )
    ).rows,
  );
  await db.query(
    `INSERT INTO users (email, display_name, function, organisation_id, rvc_member, password_hash) VALUES ($1, 'Lid RVC (bench)', 'burgemeester', $2, true, $3)`,
    [RVC_EMAIL, organisations[6].id, admin.password_hash],
  );

  // Themes with focus areas, one werkgroep each, with members.
  const workgroups = [];
  for (let t = 0; t < SIZE.themes; t++) {
    const [{ id: themeId }] = (
      await db.query('INSERT INTO themes (strategy_id, position, title) VALUES ($1, $2, $3) RETURNING id', [
        strategyId,
        t + 1,
        `Prioriteit ${t + 1}`,
      ])
    ).rows;
    const focusAreas = [];
    for (let f = 0; f < SIZE.focusAreasPerTheme[t]; f++) {
      const { rows } = await db.query(
        'INSERT INTO focus_areas (theme_id, position, title) VALUES ($1, $2, $3) RETURNING id, title',
        [themeId, f + 1, `Onderdeel ${t + 1}.${f + 1}`],
      );
      focusAreas.push(rows[0]);
    }
    const [{ id }] = (
      await db.query('INSERT INTO workgroups (theme_id, name) VALUES ($1, $2) RETURNING id', [
        themeId,
        `Bestuurlijke werkgroep ${t + 1}`,
      ])
    ).rows;
    const members = users.slice(t * SIZE.membersPerWorkgroup, (t + 1) * SIZE.membersPerWorkgroup);
    await insertRows(
      db,
      'workgroup_members',
      ['workgroup_id', 'user_id', 'role'],
      members.map((u, i) => ({
        workgroup_id: id,
        user_id: u.id,
        role: i === 0 ? 'aanjager' : pick(['lid', 'lid', 'ambtelijk', 'gast', 'waarnemer']),
      })),
    );
    workgroups.push({ id, focusAreas, members });
  }

  // 5,000 actions: most done or in progress, due dates from a year ago to a year ahead, some overdue.
  const actions = [];
  for (let i = 0; i < SIZE.actions; i++) {
    const w = pick(workgroups);
    const owner = pick(w.members);
    const r = random();
    const status =
      r < 0.4 ? 'afgerond' : r < 0.65 ? 'open' : r < 0.85 ? 'in_uitvoering' : r < 0.92 ? 'geblokkeerd' : 'vervallen';
    actions.push({
      workgroup_id: w.id,
      focus_area_id: random() < 0.9 ? pick(w.focusAreas).id : null,
      title: `Actie ${i + 1}`,
      owner_id: owner.id,
      owner_organisation_id: owner.organisation_id,
      due_date: random() < 0.08 ? null : dayOffset(between(-365, 365)),
      status,
      status_reason: status === 'geblokkeerd' || status === 'vervallen' ? 'Wacht op besluit' : null,
      deleted_at: random() < 0.02 ? new Date() : null,
    });
  }
  await insertRows(
    db,
    'actions',
    [
      'workgroup_id',
      'focus_area_id',
      'title',
      'owner_id',
      'owner_organisation_id',
      'due_date',
      'status',
      'status_reason',
      'deleted_at',
    ],
    actions,
  );
  counts.actions = actions.length;

  // Indicators per focus area and 500 measurements over them.
  const indicators = [];
  for (const w of workgroups) {
    for (const f of w.focusAreas) {
      const { rows } = await db.query(
        `INSERT INTO indicators (workgroup_id, focus_area_id, title, unit, baseline, target, direction) VALUES ($1, $2, $3, 'aantal', $4, $5, 'hoger_is_beter') RETURNING id`,
        [w.id, f.id, `Indicator ${f.title}`, between(10, 50), between(60, 200)],
      );
      indicators.push(rows[0].id);
    }
  }
  await insertRows(
    db,
    'indicator_measurements',
    ['indicator_id', 'measured_on', 'value', 'source'],
    Array.from({ length: SIZE.measurements }, () => ({
      indicator_id: pick(indicators),
      measured_on: dayOffset(-between(1, 5 * 365)),
      value: between(0, 220),
      source: 'Generated',
    })),
  );
  counts.indicators = indicators.length;
  counts.measurements = SIZE.measurements;

  // 10 cycles, half a year apart; the last one ahead. Per werkgroep and past cycle a report with versions:
  // mostly accepted at once, sometimes returned first; in the latest past cycle some still await review.
  let versions = 0;
  let reports = 0;
  for (let c = 0; c < SIZE.cycles; c++) {
    const meeting = 60 - (SIZE.cycles - 1 - c) * 182;
    const [{ id: cycleId }] = (
      await db.query(
        `INSERT INTO reporting_cycles (strategy_id, title, meeting_date, report_deadline, period_start, period_end, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          strategyId,
          `RVC-vergadering ${c + 1}`,
          dayOffset(meeting),
          dayOffset(meeting - 14),
          dayOffset(meeting - 14 - 182),
          dayOffset(meeting - 14),
          admin.id,
        ],
      )
    ).rows;
    const upcoming = meeting > 0;
    for (const w of workgroups) {
      if (upcoming && random() < 0.4) continue; // not started yet
      const aanjager = w.members[0];
      const returnedFirst = !upcoming && random() < 0.2;
      const awaitingReview = !upcoming && c === SIZE.cycles - 2 && random() < 0.4;
      const status = upcoming ? 'concept' : awaitingReview ? 'ingediend' : 'geaccepteerd';
      const nVersions = upcoming ? 0 : returnedFirst ? 2 : 1;
      const content = () => ({
        summary: `Samenvatting werkgroep ${w.id.slice(0, 4)} cyclus ${c + 1}.`,
        focusAreas: w.focusAreas.map((f) => ({
          focusAreaId: f.id,
          title: f.title,
          status: pick(STATUSES),
          narrative: 'Voortgang volgens plan, met enkele aandachtspunten.',
        })),
        narrative: { text: 'Toelichting\n', html: '<p>Toelichting</p>' },
      });
      const last = content();
      const { rows } = await db.query(
        `INSERT INTO progress_reports (workgroup_id, cycle_id, status, summary, focus_areas, current_version, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
        [w.id, cycleId, status, last.summary, JSON.stringify(last.focusAreas), nVersions, aanjager.id],
      );
      reports++;
      const reportId = rows[0].id;
      for (let v = 1; v <= nVersions; v++) {
        const versionContent = v === nVersions ? last : content();
        const figures = {
          computedAt: new Date().toISOString(),
          referenceDate: dayOffset(meeting - 20),
          period: { start: dayOffset(meeting - 14 - 182), end: dayOffset(meeting - 14) },
          actions: {
            perFocusArea: w.focusAreas.map((f) => ({
              focusAreaId: f.id,
              title: f.title,
              done: between(0, 40),
              open: between(0, 30),
              overdue: between(0, 8),
            })),
            totals: { done: between(50, 200), open: between(20, 120), overdue: between(0, 30) },
            overdueByOrganisation: Array.from({ length: 6 }, (_, i) => ({
              organisationId: organisations[1 + ((i * 7 + c) % (organisations.length - 1))].id,
              organisationName: `Organisatie ${i}`,
              overdue: between(0, 6),
            })),
          },
          indicators: [],
          sessionsHeld: between(1, 6),
        };
        const hash = versionContentHash({ reportId, version: v, content: versionContent, figures });
        const submittedAt = new Date(Date.now() + (meeting - 20) * 86_400_000);
        const [{ id: versionId }] = (
          await db.query(
            `INSERT INTO progress_report_versions (report_id, version, content, figures, content_hash, submitted_by, submitted_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7) RETURNING id`,
            [reportId, v, JSON.stringify(versionContent), JSON.stringify(figures), hash, aanjager.id, submittedAt],
          )
        ).rows;
        versions++;
        if (v < nVersions)
          await db.query(
            `INSERT INTO progress_report_reviews (version_id, outcome, comment, reviewed_by) VALUES ($1, 'teruggestuurd', 'Graag aanvullen.', $2)`,
            [versionId, admin.id],
          );
        else if (status === 'geaccepteerd')
          await db.query(
            `INSERT INTO progress_report_reviews (version_id, outcome, reviewed_by) VALUES ($1, 'geaccepteerd', $2)`,
            [versionId, admin.id],
          );
      }
    }
  }
  counts.reports = reports;
  counts.versions = versions;
  await db.query('COMMIT');
  await db.query('ANALYZE');
  counts.cycles = SIZE.cycles;
  counts.workgroups = workgroups.length;
  counts.organisations = SIZE.organisations;
  counts.users = SIZE.users + 2;
  return { strategyId, counts };
}

/** Logs in with the bench password and returns the access token. */
export async function login(url, email) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: ADMIN.password }),
  });
  if (!response.ok) throw new Error(`Login of ${email} failed: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}
