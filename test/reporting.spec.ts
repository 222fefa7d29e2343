import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { StrategyDetail } from '@koers/contracts';
import { Api, DEMO, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** An independent canonical JSON (sorted keys, no whitespace), to check the server's content hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('reporting upward: cycles, indicators, progress reports, dashboard', () => {
  let t: TestApp;
  let api: Api;
  let db: DataSource;
  let strategy: StrategyDetail;
  let ondermijningId: string;
  let cyberId: string;
  let onrustId: string;
  let cycleId: string;
  let reportId: string;
  let cyberReportId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    db = t.app.get(DataSource);
    strategy = await api.strategy();
    ondermijningId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    cyberId = await api.workgroupId(WORKGROUP_NAMES.cyber);
    onrustId = await api.workgroupId(WORKGROUP_NAMES.onrust);
  });
  afterAll(() => t.close());

  const theme = (part: string) => strategy.themes.find((th) => th.title.includes(part))!;
  const fields = (body: { error: { fields?: Array<{ field: string }> } }) =>
    (body.error.fields ?? []).map((f) => f.field).sort();

  it('seeds a past cycle with every werkgroep accepted and an open cycle, so the dashboard is populated on first start', async () => {
    const cycles = expectStatus(
      await api.get(DEMO.secretariaat, `/api/reporting-cycles?strategyId=${strategy.id}`),
      200,
    ).body as Array<{ id: string; meetingDate: string }>;
    expect(cycles).toHaveLength(2);
    const dashboard = expectStatus(
      await api.get(DEMO.secretariaat, `/api/dashboard?strategyId=${strategy.id}`),
      200,
    ).body;
    const past = cycles.find((c) => c.meetingDate < day(0))!;
    const open = cycles.find((c) => c.meetingDate > day(0))!;
    expect(dashboard.currentCycle.id).toBe(open.id);
    expect(dashboard.notYetSubmitted).toHaveLength(3);
    expect(dashboard.matrix).toHaveLength(3);
    for (const row of dashboard.matrix)
      expect(
        row.focusAreas.every((f: { status: string | null; cycleId: string }) => f.status && f.cycleId === past.id),
      ).toBe(true);
    const pastTrend = dashboard.trend.find((c: { cycleId: string }) => c.cycleId === past.id);
    expect(
      pastTrend.workgroups.every(
        (w: { statusCounts: Record<string, number> }) => Object.values(w.statusCounts).reduce((a, b) => a + b, 0) > 0,
      ),
    ).toBe(true);
    for (const workgroupId of [ondermijningId, cyberId, onrustId]) {
      const reports = expectStatus(
        await api.get(DEMO.secretariaat, `/api/workgroups/${workgroupId}/progress-reports`),
        200,
      ).body as Array<{ id: string; cycleId: string; status: string }>;
      const accepted = reports.find((r) => r.cycleId === past.id)!;
      expect(accepted.status).toBe('geaccepteerd');
      const versions = expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${accepted.id}/versions`), 200).body;
      expect(versions[0]).toMatchObject({ version: 1, hashVerified: true, review: { outcome: 'geaccepteerd' } });
      const indicators = expectStatus(
        await api.get(DEMO.secretariaat, `/api/workgroups/${workgroupId}/indicators`),
        200,
      ).body as Array<{ measurements: unknown[] }>;
      expect(indicators.length).toBeGreaterThan(0);
      expect(indicators.every((i) => i.measurements.length >= 2)).toBe(true);
    }
  });

  it('lets only the secretariat create and change a cycle, with the deadline before the RVC meeting', async () => {
    const base = {
      strategyId: strategy.id,
      title: 'RVC test',
      meetingDate: day(30),
      reportDeadline: day(20),
      periodStart: day(-150),
      periodEnd: day(20),
    };
    expect(
      fields((await api.post(DEMO.secretariaat, '/api/reporting-cycles', { ...base, reportDeadline: day(31) })).body),
    ).toEqual(['reportDeadline']);
    expect(
      fields((await api.post(DEMO.secretariaat, '/api/reporting-cycles', { ...base, reportDeadline: day(30) })).body),
    ).toEqual(['reportDeadline']);
    expect(
      fields(
        expectStatus(
          await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
            ...base,
            title: 'x',
            meetingDate: '30-06-2026',
          }),
          400,
        ).body,
      ),
    ).toEqual(['meetingDate', 'title']);
    expect(
      fields(
        expectStatus(await api.post(DEMO.secretariaat, '/api/reporting-cycles', { ...base, periodStart: day(25) }), 400)
          .body,
      ),
    ).toEqual(['periodStart']);
    expectStatus(await api.post(DEMO.aanjagerOndermijning, '/api/reporting-cycles', base), 403);
    expectStatus(await api.post(DEMO.rvc, '/api/reporting-cycles', base), 403);
    const created = expectStatus(await api.post(DEMO.secretariaat, '/api/reporting-cycles', base), 201).body;
    cycleId = created.id;
    expect(created).toMatchObject({
      title: 'RVC test',
      meetingDate: day(30),
      reportDeadline: day(20),
      strategyId: strategy.id,
    });
    expectStatus(
      await api.patch(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}`, { reportDeadline: day(40) }),
      400,
    );
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/reporting-cycles/${cycleId}`, { title: 'Overgenomen' }),
      403,
    );
    expect(
      expectStatus(
        await api.patch(DEMO.secretariaat, `/api/reporting-cycles/${cycleId}`, { title: 'RVC-vergadering (test)' }),
        200,
      ).body.title,
    ).toBe('RVC-vergadering (test)');
    expect(expectStatus(await api.get(DEMO.ovjOndermijning, `/api/reporting-cycles/${cycleId}`), 200).body.title).toBe(
      'RVC-vergadering (test)',
    );
    expectStatus(
      await api.get(DEMO.ovjOndermijning, '/api/reporting-cycles/00000000-0000-4000-8000-000000000000'),
      404,
    );
    const audit = await api.audit({ entityType: 'reporting_cycle', entityId: cycleId });
    expect(audit.items.map((e) => e.action).sort()).toEqual(['reporting_cycle.create', 'reporting_cycle.update']);
  });

  it('validates indicators and measurements, and lets only members who manage actions keep them', async () => {
    const [geldstromen] = theme('ondermijnende').focusAreas.slice(1);
    const cyberFocus = theme('Digitale').focusAreas[0];
    const url = `/api/workgroups/${ondermijningId}/indicators`;
    const valid = {
      focusAreaId: geldstromen.id,
      title: 'Aantal witwasmeldingen opgevolgd',
      unit: 'percentage',
      baseline: 40,
      target: 80,
      direction: 'hoger_is_beter',
    };
    expect(
      fields(
        expectStatus(await api.post(DEMO.ovjOndermijning, url, { ...valid, unit: 'stuks', direction: 'meer' }), 400)
          .body,
      ),
    ).toEqual(['direction', 'unit']);
    expect(
      fields(expectStatus(await api.post(DEMO.ovjOndermijning, url, { ...valid, target: 120 }), 400).body),
    ).toEqual(['target']);
    expect(
      fields(
        expectStatus(await api.post(DEMO.ovjOndermijning, url, { ...valid, focusAreaId: cyberFocus.id }), 400).body,
      ),
    ).toEqual(['focusAreaId']);
    expectStatus(await api.post(DEMO.riec, url, valid), 403);
    expectStatus(await api.post(DEMO.aanjagerCyber, url, valid), 404);
    const indicator = expectStatus(await api.post(DEMO.ovjOndermijning, url, valid), 201).body;
    expect(indicator).toMatchObject({
      unit: 'percentage',
      baseline: 40,
      target: 80,
      focusAreaTitle: geldstromen.title,
      measurements: [],
    });

    const measure = (who: string, body: object) => api.post(who, `/api/indicators/${indicator.id}/measurements`, body);
    expect(
      fields(expectStatus(await measure(DEMO.ovjOndermijning, { measuredOn: day(3), value: 50 }), 400).body),
    ).toEqual(['measuredOn']);
    expect(
      fields(expectStatus(await measure(DEMO.ovjOndermijning, { measuredOn: day(-3), value: 150 }), 400).body),
    ).toEqual(['value']);
    expect(
      fields(expectStatus(await measure(DEMO.ovjOndermijning, { measuredOn: '2026-13-01', value: 'veel' }), 400).body),
    ).toEqual(['measuredOn', 'value']);
    expectStatus(await measure(DEMO.riec, { measuredOn: day(-3), value: 50 }), 403);
    expectStatus(
      await measure(DEMO.ovjOndermijning, { measuredOn: day(-40), value: 55, source: 'RIEC-jaarbeeld' }),
      201,
    );
    const latest = expectStatus(
      await measure(DEMO.secretariaat, { measuredOn: day(-3), value: 82.5, source: 'Kwartaalrapportage' }),
      201,
    ).body;
    expect(latest).toMatchObject({ value: 82.5, source: 'Kwartaalrapportage', enteredByName: expect.any(String) });
    expect(
      fields(
        expectStatus(await api.patch(DEMO.ovjOndermijning, `/api/indicators/${indicator.id}`, { baseline: -1 }), 400)
          .body,
      ),
    ).toEqual(['baseline']);
    expectStatus(
      await api.patch(DEMO.ovjOndermijning, `/api/indicators/${indicator.id}`, {
        title: 'Witwasmeldingen opgevolgd (%)',
      }),
      200,
    );

    const list = expectStatus(await api.get(DEMO.riec, url), 200).body as Array<{
      id: string;
      measurements: Array<{ value: number }>;
    }>;
    expect(list.find((i) => i.id === indicator.id)!.measurements.map((m) => m.value)).toEqual([55, 82.5]);
    expectStatus(await api.get(DEMO.rvc, url), 403);
    expectStatus(await api.get(DEMO.waarnemerOnrust, url), 404);
    const audit = await api.audit({ entityType: 'indicator', entityId: indicator.id });
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'indicator.create',
      'indicator.measurement.create',
      'indicator.measurement.create',
      'indicator.update',
    ]);
  });

  it('creates one report per werkgroep per cycle whose figures match the actions, indicators and sessions in the database', async () => {
    const created = expectStatus(
      await api.post(DEMO.ovjOndermijning, `/api/workgroups/${ondermijningId}/progress-reports`, { cycleId }),
      201,
    ).body;
    reportId = created.id;
    expect(created).toMatchObject({ status: 'concept', currentVersion: 0, latestVersion: null, figuresFrozen: false });
    expect(created.content.focusAreas.map((f: { title: string }) => f.title)).toEqual(
      theme('ondermijnende').focusAreas.map((f) => f.title),
    );
    expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijningId}/progress-reports`, { cycleId }),
      409,
    );
    expectStatus(
      await api.post(DEMO.waarnemerOnrust, `/api/workgroups/${onrustId}/progress-reports`, { cycleId }),
      403,
    );
    expectStatus(
      await api.post(DEMO.aanjagerCyber, `/api/workgroups/${ondermijningId}/progress-reports`, { cycleId }),
      404,
    );
    expect(
      fields(
        expectStatus(
          await api.post(DEMO.ovjOndermijning, `/api/workgroups/${ondermijningId}/progress-reports`, {
            cycleId: strategy.id,
          }),
          400,
        ).body,
      ),
    ).toEqual(['cycleId']);

    // A fresh overdue action shows up in the live figures.
    const focusArea = theme('ondermijnende').focusAreas[0];
    expectStatus(
      await api.post(DEMO.ovjOndermijning, `/api/workgroups/${ondermijningId}/actions`, {
        title: 'Te laat: plan jonge aanwas',
        focusAreaId: focusArea.id,
        dueDate: day(-10),
      }),
      201,
    );
    const report = expectStatus(await api.get(DEMO.ovjOndermijning, `/api/progress-reports/${reportId}`), 200).body;
    const counts: Array<{ focus_area_id: string | null; done: number; open: number; overdue: number }> = await db.query(
      `SELECT focus_area_id, count(*) FILTER (WHERE status = 'afgerond')::int AS done,
              count(*) FILTER (WHERE status IN ('open','in_uitvoering','geblokkeerd'))::int AS open,
              count(*) FILTER (WHERE status IN ('open','in_uitvoering','geblokkeerd') AND due_date < $2)::int AS overdue
         FROM actions WHERE workgroup_id = $1 AND deleted_at IS NULL GROUP BY focus_area_id`,
      [ondermijningId, report.figures.referenceDate],
    );
    for (const row of report.figures.actions.perFocusArea) {
      const expected = counts.find((c) => c.focus_area_id === row.focusAreaId) ?? { done: 0, open: 0, overdue: 0 };
      expect({ done: row.done, open: row.open, overdue: row.overdue }).toEqual({
        done: expected.done,
        open: expected.open,
        overdue: expected.overdue,
      });
    }
    expect(report.figures.actions.totals.overdue).toBe(counts.reduce((n, c) => n + c.overdue, 0));
    expect(report.figures.actions.totals.overdue).toBeGreaterThan(0);
    expect(
      report.figures.actions.perFocusArea.find((f: { focusAreaId: string }) => f.focusAreaId === focusArea.id).overdue,
    ).toBeGreaterThan(0);
    const [{ held }] = await db.query(
      `SELECT count(*)::int AS held FROM workgroup_sessions WHERE workgroup_id = $1 AND state = 'afgerond' AND deleted_at IS NULL AND starts_at >= $2::date AND starts_at < ($3::date + 1)`,
      [ondermijningId, day(-150), day(20)],
    );
    expect(held).toBeGreaterThan(0);
    expect(report.figures.sessionsHeld).toBe(held);
    const indicator = report.figures.indicators.find(
      (i: { title: string }) => i.title === 'Witwasmeldingen opgevolgd (%)',
    );
    expect(indicator).toMatchObject({ latestValue: 82.5, target: 80, targetReached: true, latestMeasuredOn: day(-3) });
  });

  it('runs concept -> ingediend -> teruggestuurd -> ingediend (version 2) -> geaccepteerd with role checks, keeping version 1 unchanged', async () => {
    const url = `/api/progress-reports/${reportId}`;
    const [first] = theme('ondermijnende').focusAreas;
    expect(
      fields(
        expectStatus(
          await api.patch(DEMO.ovjOndermijning, url, { focusAreas: [{ focusAreaId: first.id, status: 'prima' }] }),
          400,
        ).body,
      ),
    ).toEqual(['focusAreas.0.status']);
    expect(
      fields(
        expectStatus(
          await api.patch(DEMO.ovjOndermijning, url, {
            focusAreas: [{ focusAreaId: theme('Digitale').focusAreas[0].id, status: 'op_koers' }],
          }),
          400,
        ).body,
      ),
    ).toEqual(['focusAreas.0.focusAreaId']);
    // The report started from the demo's accepted one (carried over); without a summary it cannot be submitted.
    expectStatus(await api.patch(DEMO.ovjOndermijning, url, { summary: '' }), 200);
    expect(fields(expectStatus(await api.post(DEMO.aanjagerOndermijning, `${url}/submit`), 400).body)).toEqual([
      'summary',
    ]);
    const edited = expectStatus(
      await api.patch(DEMO.ovjOndermijning, url, {
        summary: 'Eerste versie: goede voortgang.',
        focusAreas: [
          { focusAreaId: first.id, status: 'op_koers', narrative: 'Preventieprojecten lopen in alle districten.' },
        ],
      }),
      200,
    ).body;
    expect(edited.content.focusAreas[0]).toMatchObject({
      status: 'op_koers',
      narrative: 'Preventieprojecten lopen in alle districten.',
    });
    expectStatus(await api.patch(DEMO.waarnemerOnrust, url, { summary: 'x' }), 404);

    expectStatus(await api.post(DEMO.ovjOndermijning, `${url}/submit`), 403);
    // The secretariat could submit on the werkgroep's behalf (test/region-setup.spec.ts); here the aanjager does.
    const submitted = expectStatus(await api.post(DEMO.aanjagerOndermijning, `${url}/submit`), 200).body;
    expect(submitted).toMatchObject({
      status: 'ingediend',
      currentVersion: 1,
      figuresFrozen: true,
      latestVersion: { version: 1, hashVerified: true, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expectStatus(await api.patch(DEMO.ovjOndermijning, url, { summary: 'Stiekem aangepast' }), 409);
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `${url}/submit`), 409);
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `${url}/accept`), 403);
    expectStatus(await api.post(DEMO.ovjOndermijning, `${url}/return`, { comment: 'Graag aanvullen' }), 403);
    expectStatus(await api.post(DEMO.secretariaat, `${url}/return`, {}), 400);

    // A new overdue action after submit does not change the frozen figures.
    const frozenOverdue = submitted.figures.actions.totals.overdue;
    expectStatus(
      await api.post(DEMO.ovjOndermijning, `/api/workgroups/${ondermijningId}/actions`, {
        title: 'Na indienen: te laat',
        dueDate: day(-5),
      }),
      201,
    );
    expect(expectStatus(await api.get(DEMO.ovjOndermijning, url), 200).body.figures.actions.totals.overdue).toBe(
      frozenOverdue,
    );

    const returned = expectStatus(
      await api.post(DEMO.secretariaat, `${url}/return`, { comment: 'Graag de geldstromen toelichten.' }),
      200,
    ).body;
    expect(returned).toMatchObject({
      status: 'teruggestuurd',
      latestVersion: { version: 1, review: { outcome: 'teruggestuurd', comment: 'Graag de geldstromen toelichten.' } },
    });
    expect(returned.figures.actions.totals.overdue).toBe(frozenOverdue + 1);
    expectStatus(
      await api.patch(DEMO.ovjOndermijning, url, { summary: 'Tweede versie: geldstromen toegelicht.' }),
      200,
    );
    const resubmitted = expectStatus(await api.post(DEMO.aanjagerOndermijning, `${url}/submit`), 200).body;
    expect(resubmitted).toMatchObject({ status: 'ingediend', currentVersion: 2 });
    expectStatus(await api.post(DEMO.secretariaat, `${url}/accept`), 200);
    expectStatus(await api.post(DEMO.secretariaat, `${url}/accept`), 409);
    expectStatus(await api.post(DEMO.secretariaat, `${url}/return`, { comment: 'Toch niet' }), 409);

    const versions = expectStatus(await api.get(DEMO.ovjOndermijning, `${url}/versions`), 200).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({
      content: { summary: 'Eerste versie: goede voortgang.' },
      review: { outcome: 'teruggestuurd' },
      hashVerified: true,
    });
    expect(versions[0].figures.actions.totals.overdue).toBe(frozenOverdue);
    expect(versions[1]).toMatchObject({
      content: { summary: 'Tweede versie: geldstromen toegelicht.' },
      review: { outcome: 'geaccepteerd' },
      hashVerified: true,
    });
    expect(versions[0].contentHash).not.toBe(versions[1].contentHash);
    expect(expectStatus(await api.get(DEMO.secretariaat, url), 200).body.status).toBe('geaccepteerd');
  });

  it('refuses any change to a frozen version at the database, and its stored hash matches a recomputation', async () => {
    await expect(
      db.query(`UPDATE progress_report_versions SET content = '{"summary":"vervalst"}'::jsonb WHERE report_id = $1`, [
        reportId,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`UPDATE progress_report_versions SET content_hash = repeat('0', 64) WHERE report_id = $1`, [reportId]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM progress_report_versions WHERE report_id = $1', [reportId])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('TRUNCATE progress_report_versions CASCADE')).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE progress_report_reviews SET outcome = 'geaccepteerd'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM progress_report_reviews')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM progress_reports WHERE id = $1', [reportId])).rejects.toThrow();

    const rows: Array<{
      report_id: string;
      version: number;
      content: unknown;
      figures: unknown;
      content_hash: string;
    }> = await db.query(
      'SELECT report_id, version, content, figures, content_hash FROM progress_report_versions WHERE report_id = $1 ORDER BY version',
      [reportId],
    );
    expect(rows).toHaveLength(2);
    expect((rows[0].content as { summary: string }).summary).toBe('Eerste versie: goede voortgang.');
    for (const row of rows) {
      const recomputed = createHash('sha256')
        .update(
          canonical({ reportId: row.report_id, version: row.version, content: row.content, figures: row.figures }),
        )
        .digest('hex');
      expect(recomputed).toBe(row.content_hash);
    }
    // The hash covers the figures too: a different figure gives a different hash.
    const tampered = { ...(rows[0].figures as Record<string, unknown>), sessionsHeld: 999 };
    expect(
      createHash('sha256')
        .update(canonical({ reportId, version: 1, content: rows[0].content, figures: tampered }))
        .digest('hex'),
    ).not.toBe(rows[0].content_hash);
  });

  it('shows RVC members only submitted, not returned versions; never a concept; outsiders get not found', async () => {
    cyberReportId = expectStatus(
      await api.post(DEMO.aanjagerCyber, `/api/workgroups/${cyberId}/progress-reports`, { cycleId }),
      201,
    ).body.id;
    expectStatus(
      await api.patch(DEMO.aanjagerCyber, `/api/progress-reports/${cyberReportId}`, {
        summary: 'Vertrouwelijk concept cyber',
      }),
      200,
    );
    for (const path of [`/api/progress-reports/${cyberReportId}`, `/api/progress-reports/${cyberReportId}/versions`]) {
      const rvc = expectStatus(await api.get(DEMO.rvc, path), 403);
      expect(JSON.stringify(rvc.body)).not.toContain('Vertrouwelijk');
      expectStatus(await api.get(DEMO.aanjagerOndermijning, path), 404);
      expectStatus(await api.get(DEMO.waarnemerOnrust, path), 404);
    }
    expectStatus(await api.get(DEMO.rvc, `/api/workgroups/${cyberId}/progress-reports`), 403);
    // Submitted and then returned: still nothing for the RVC.
    expectStatus(await api.post(DEMO.aanjagerCyber, `/api/progress-reports/${cyberReportId}/submit`), 200);
    expect(
      expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${cyberReportId}`), 200).body.version.content.summary,
    ).toBe('Vertrouwelijk concept cyber');
    expectStatus(
      await api.post(DEMO.secretariaat, `/api/progress-reports/${cyberReportId}/return`, {
        comment: 'Nog niet rijp voor het RVC.',
      }),
      200,
    );
    expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${cyberReportId}`), 403);

    // The accepted ondermijning report: the RVC sees version 2 only, never the working copy.
    const seen = expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${reportId}`), 200).body;
    expect(seen).toMatchObject({
      status: 'geaccepteerd',
      version: { version: 2, hashVerified: true, content: { summary: 'Tweede versie: geldstromen toegelicht.' } },
    });
    expect(seen.content).toBeUndefined();
    const versions = expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${reportId}/versions`), 200).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expectStatus(await api.patch(DEMO.rvc, `/api/progress-reports/${reportId}`, { summary: 'RVC past aan' }), 403);
    expectStatus(await api.post(DEMO.rvc, `/api/progress-reports/${reportId}/accept`), 403);
    expectStatus(await api.get(DEMO.aanjagerCyber, `/api/progress-reports/${reportId}`), 404);
    expectStatus(await api.get(DEMO.aanjagerCyber, '/api/progress-reports/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('audits every step of the flow in the same transaction, and the refusals', async () => {
    const audit = await api.audit({ entityType: 'progress_report', entityId: reportId });
    const actions = audit.items.filter((e) => e.outcome === 'success').map((e) => e.action);
    expect(actions.filter((a) => a === 'progress_report.submit')).toHaveLength(2);
    expect(actions).toEqual(
      expect.arrayContaining([
        'progress_report.create',
        'progress_report.update',
        'progress_report.return',
        'progress_report.accept',
      ]),
    );
    const submit = audit.items.find(
      (e) => e.action === 'progress_report.submit' && e.outcome === 'success' && e.summary.version === 2,
    )!;
    const [{ content_hash }] = await db.query(
      'SELECT content_hash FROM progress_report_versions WHERE report_id = $1 AND version = 2',
      [reportId],
    );
    // The audit redacts keys named like "hash", so the version's fingerprint is logged as sha256.
    expect(submit.summary.sha256).toBe(content_hash);
    const denied = await api.audit({ outcome: 'denied', action: 'progress_report.submit' });
    expect(denied.items.length).toBeGreaterThan(0);
    const rvcDenied = await api.audit({ outcome: 'denied', action: 'progress_report.read' });
    expect(rvcDenied.items.some((e) => e.actorEmail === DEMO.rvc)).toBe(true);
  });

  it('answers the dashboard: status matrix, trend, overdue per werkgroep and organisation, and who has not yet submitted', async () => {
    expectStatus(await api.get(DEMO.aanjagerOndermijning, `/api/dashboard?strategyId=${strategy.id}`), 403);
    expectStatus(await api.get(DEMO.secretariaat, '/api/dashboard'), 400);
    expectStatus(
      await api.get(DEMO.secretariaat, '/api/dashboard?strategyId=00000000-0000-4000-8000-000000000000'),
      404,
    );
    const dashboard = expectStatus(
      await api.get(DEMO.secretariaat, `/api/dashboard?strategyId=${strategy.id}&cycleId=${cycleId}`),
      200,
    ).body;
    expect(dashboard.currentCycle.id).toBe(cycleId);
    expect(dashboard.notYetSubmitted.map((w: { workgroupId: string }) => w.workgroupId).sort()).toEqual(
      [cyberId, onrustId].sort(),
    );
    expect(dashboard.submissions.find((s: { workgroupId: string }) => s.workgroupId === cyberId).status).toBe(
      'teruggestuurd',
    );
    expect(dashboard.submissions.find((s: { workgroupId: string }) => s.workgroupId === onrustId).status).toBe(
      'geen_rapportage',
    );
    const row = dashboard.matrix.find((m: { workgroupId: string }) => m.workgroupId === ondermijningId);
    expect(row.focusAreas[0]).toMatchObject({ status: 'op_koers', cycleId, version: 2 });
    const trend = dashboard.trend.find((c: { cycleId: string }) => c.cycleId === cycleId);
    // The statuses of the accepted version: the one set here, the others carried over from the demo's report.
    const accepted = expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${reportId}`), 200).body;
    const counts: Record<string, number> = {};
    for (const f of accepted.version.content.focusAreas as Array<{ status: string }>)
      counts[f.status] = (counts[f.status] ?? 0) + 1;
    expect(counts.op_koers).toBeGreaterThanOrEqual(1);
    expect(
      trend.workgroups.find((w: { workgroupId: string }) => w.workgroupId === ondermijningId).statusCounts,
    ).toEqual(counts);
    expect(trend.workgroups.find((w: { workgroupId: string }) => w.workgroupId === cyberId).statusCounts).toEqual({});

    const perWorkgroup: Array<{ workgroup_id: string; n: number }> = await db.query(
      `SELECT workgroup_id, count(*)::int AS n FROM actions WHERE deleted_at IS NULL AND status IN ('open','in_uitvoering','geblokkeerd') AND due_date < $1 GROUP BY workgroup_id`,
      [day(0)],
    );
    for (const w of dashboard.overdue.perWorkgroup)
      expect(w.overdue).toBe(perWorkgroup.find((p) => p.workgroup_id === w.workgroupId)?.n ?? 0);
    expect(dashboard.overdue.perOrganisation.reduce((n: number, o: { overdue: number }) => n + o.overdue, 0)).toBe(
      perWorkgroup.reduce((n, p) => n + p.n, 0),
    );

    // The RVC sees the same matrix from submitted versions, but no concept states and reported overdue figures only.
    const rvc = expectStatus(
      await api.get(DEMO.rvc, `/api/dashboard?strategyId=${strategy.id}&cycleId=${cycleId}`),
      200,
    ).body;
    expect(rvc.matrix).toEqual(dashboard.matrix);
    expect(rvc.overdueSource).toBe('ingediende_rapportages');
    expect(rvc.submissions.find((s: { workgroupId: string }) => s.workgroupId === cyberId)).toMatchObject({
      status: 'niet_ingediend',
      reportId: null,
    });
    expect(rvc.notYetSubmitted).toHaveLength(2);
    const reportedOverdue = rvc.overdue.perWorkgroup.find(
      (w: { workgroupId: string }) => w.workgroupId === ondermijningId,
    ).overdue;
    const [{ figures }] = await db.query(
      'SELECT figures FROM progress_report_versions WHERE report_id = $1 AND version = 2',
      [reportId],
    );
    expect(reportedOverdue).toBe(figures.actions.totals.overdue);
    expect(JSON.stringify(rvc)).not.toContain('Vertrouwelijk');
  });
});
