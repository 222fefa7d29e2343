import * as fs from 'node:fs';
import { Api, DEMO, expectStatus, StrategyView, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** Collapses whitespace, since text extraction from a PDF breaks lines where the layout wrapped them. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface BundleView {
  cycle: { id: string; title: string; meetingDate: string };
  strategy: { id: string; name: string };
  generatedAt: string;
  workgroups: Array<{
    workgroupId: string;
    name: string;
    priorityTitle: string;
    report: null | {
      reportId: string;
      version: number;
      submittedAt: string;
      submittedByName: string | null;
      acceptedAt: string;
      acceptedByName: string | null;
      contentHash: string;
      hashVerified: boolean;
      content: { summary: string; focusAreas: Array<{ title: string; status: string }>; narrative?: { text: string; html: string } | null };
      figures: { actions: { totals: { done: number; open: number; overdue: number } } };
    };
  }>;
}

describe('the RVC bundle: accepted reports of a cycle as JSON and PDF', () => {
  let t: TestApp;
  let api: Api;
  let strategy: StrategyView;
  let pastCycleId: string;
  let cycleId: string;
  const workgroupIds: Record<keyof typeof WORKGROUP_NAMES, string> = { ondermijning: '', cyber: '', onrust: '' };

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    strategy = await api.strategy();
    for (const key of Object.keys(WORKGROUP_NAMES) as Array<keyof typeof WORKGROUP_NAMES>) workgroupIds[key] = await api.workgroupId(WORKGROUP_NAMES[key]);
    const cycles = expectStatus(await api.get(DEMO.secretariaat, `/api/reporting-cycles?strategyId=${strategy.id}`), 200).body as Array<{ id: string; meetingDate: string }>;
    pastCycleId = cycles.find((c) => c.meetingDate < day(0))!.id;
    cycleId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/reporting-cycles', { strategyId: strategy.id, title: 'RVC-vergadering bundeltest', meetingDate: day(30), reportDeadline: day(20), periodStart: day(-150), periodEnd: day(20) }),
      201,
    ).body.id;
  });
  afterAll(() => t.close());

  const bundle = async (who: string, id: string) => expectStatus(await api.get(who, `/api/reporting-cycles/${id}/bundle`), 200).body as BundleView;

  it('compiles the demo past cycle: the cycle, the strategy, every werkgroep in priority order with its accepted, verified report', async () => {
    const body = await bundle(DEMO.rvc, pastCycleId);
    const cycle = expectStatus(await api.get(DEMO.rvc, `/api/reporting-cycles/${pastCycleId}`), 200).body;
    expect(body.cycle).toEqual(cycle);
    expect(body.strategy).toEqual({ id: strategy.id, name: strategy.title });
    expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
    const themesInOrder = [...strategy.themes].sort((a, b) => a.position - b.position).map((th) => th.title);
    expect(body.workgroups.map((w) => w.priorityTitle)).toEqual(themesInOrder);
    expect(body.workgroups.map((w) => w.name).sort()).toEqual(Object.values(WORKGROUP_NAMES).sort());
    for (const w of body.workgroups) {
      expect(Object.keys(w).sort()).toEqual(['name', 'priorityTitle', 'report', 'workgroupId']);
      expect(w.report).toMatchObject({
        version: 1,
        hashVerified: true,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        submittedByName: expect.any(String),
        acceptedByName: expect.any(String),
        content: { summary: expect.any(String) },
        figures: { actions: { totals: expect.any(Object) } },
      });
      expect(Object.keys(w.report!).sort()).toEqual(['acceptedAt', 'acceptedByName', 'content', 'contentHash', 'figures', 'hashVerified', 'reportId', 'submittedAt', 'submittedByName', 'version']);
      expect(Date.parse(w.report!.acceptedAt)).toBeGreaterThan(Date.parse(w.report!.submittedAt));
      // The same version as the report's own version list.
      const versions = expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${w.report!.reportId}/versions`), 200).body;
      expect(versions.at(-1)).toMatchObject({ version: w.report!.version, contentHash: w.report!.contentHash });
    }
  });

  it('holds only accepted versions: a submitted, a returned and a missing report are null; a resubmitted and accepted one is version 2', async () => {
    const reportOf = async (who: string, workgroupId: string) => expectStatus(await api.post(who, `/api/workgroups/${workgroupId}/progress-reports`, { cycleId }), 201).body.id as string;
    const ondermijning = await reportOf(DEMO.aanjagerOndermijning, workgroupIds.ondermijning);
    const cyber = await reportOf(DEMO.aanjagerCyber, workgroupIds.cyber);
    expectStatus(await api.patch(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}`, { summary: 'Ondermijning: eerste versie.' }), 200);
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}/submit`), 200);
    expectStatus(await api.patch(DEMO.aanjagerCyber, `/api/progress-reports/${cyber}`, { summary: 'Cyber: ingediend, nog niet beoordeeld.' }), 200);
    expectStatus(await api.post(DEMO.aanjagerCyber, `/api/progress-reports/${cyber}/submit`), 200);

    let body = await bundle(DEMO.secretariaat, cycleId);
    expect(body.workgroups.map((w) => w.report)).toEqual([null, null, null]);

    expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${ondermijning}/return`, { comment: 'Graag concreter.' }), 200);
    expect((await bundle(DEMO.secretariaat, cycleId)).workgroups.every((w) => w.report === null)).toBe(true);
    expectStatus(await api.patch(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}`, { summary: 'Ondermijning: geaccepteerde versie.' }), 200);
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}/submit`), 200);
    expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${ondermijning}/accept`), 200);

    body = await bundle(DEMO.rvc, cycleId);
    const byId = new Map(body.workgroups.map((w) => [w.workgroupId, w]));
    expect(byId.get(workgroupIds.ondermijning)!.report).toMatchObject({ reportId: ondermijning, version: 2, hashVerified: true, content: { summary: 'Ondermijning: geaccepteerde versie.' } });
    expect(byId.get(workgroupIds.cyber)!.report).toBeNull();
    expect(byId.get(workgroupIds.onrust)!.report).toBeNull();
    expect(JSON.stringify(body)).not.toContain('eerste versie');
    expect(JSON.stringify(body)).not.toContain('nog niet beoordeeld');
  });

  it('renders the bundle as an A4 PDF on the server: cover, matrix, every werkgroep with its summary, figures and hash, page numbers', async () => {
    const json = await bundle(DEMO.rvc, pastCycleId);
    const response = expectStatus(await t.http().get(`/api/reporting-cycles/${pastCycleId}/bundle.pdf`).set('Authorization', `Bearer ${await api.token(DEMO.rvc)}`).responseType('blob'), 200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="rvc-bundel-${json.cycle.meetingDate}.pdf"`);
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.env.KOERS_KEEP_BUNDLE_PDF) fs.writeFileSync(process.env.KOERS_KEEP_BUNDLE_PDF, pdf);
    const { extractText, getDocumentProxy } = require('unpdf');
    const document = await getDocumentProxy(new Uint8Array(pdf));
    const { totalPages, text } = (await extractText(document, { mergePages: false })) as { totalPages: number; text: string[] };
    // Cover, matrix, one page or more per werkgroep.
    expect(totalPages).toBeGreaterThanOrEqual(2 + json.workgroups.length);
    const all = flat(text.join('\n'));
    expect(all).toContain(flat(json.strategy.name));
    expect(all).toContain(flat(json.cycle.title));
    for (const w of json.workgroups) {
      expect(all).toContain(flat(w.name));
      expect(all).toContain(flat(w.report!.content.summary));
      expect(all).toContain(w.report!.contentHash);
      for (const f of w.report!.content.focusAreas) expect(all).toContain(flat(f.title));
    }
    // The matrix writes each status out.
    expect(flat(text[1])).toMatch(/Op koers/);
    text.forEach((page, i) => expect(flat(page)).toContain(`Pagina ${i + 1} van ${totalPages}`));
  });

  it('is open to exactly those who may read the dashboard: secretariat and RVC; werkgroep members get 403, an unknown cycle 404', async () => {
    for (const path of [`/api/reporting-cycles/${pastCycleId}/bundle`, `/api/reporting-cycles/${pastCycleId}/bundle.pdf`]) {
      expectStatus(await api.get(DEMO.secretariaat, path), 200);
      expectStatus(await api.get(DEMO.rvc, path), 200);
      for (const who of [DEMO.aanjagerOndermijning, DEMO.ovjOndermijning, DEMO.riec, DEMO.waarnemerOnrust]) expectStatus(await api.get(who, path), 403);
    }
    for (const who of [DEMO.secretariaat, DEMO.rvc]) {
      expectStatus(await api.get(who, '/api/reporting-cycles/00000000-0000-4000-8000-000000000000/bundle'), 404);
      expectStatus(await api.get(who, '/api/reporting-cycles/00000000-0000-4000-8000-000000000000/bundle.pdf'), 404);
    }
    expectStatus(await api.get(DEMO.secretariaat, '/api/reporting-cycles/niet-een-id/bundle'), 404);
    expectStatus(await t.http().get(`/api/reporting-cycles/${pastCycleId}/bundle`), 401);
    const denied = await api.audit({ outcome: 'denied', action: 'reporting_cycle.bundle' });
    expect(denied.items.map((e) => e.actorEmail)).toContain(DEMO.ovjOndermijning);
  });
});
