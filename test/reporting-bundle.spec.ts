import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { versionContentHash } from '@koers/reporting';
import type { StrategyDetail } from '@koers/contracts';
import { inspectPdf } from '@koers/testing';
import { Api, DEMO, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { CollabTestClient, eventually } from './support/collab-client';
import { createTestApp, TestApp } from './support/test-app';

/** Collapses whitespace, since text extraction from a PDF breaks lines where the layout wrapped them. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text of each page of a PDF (unpdf, as a reader's copy-paste would give it). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  // unpdf is an ES module; Jest's CommonJS transform loads it through require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { extractText, getDocumentProxy } = require('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  return text as string[];
}

/** Appends a paragraph to the editor's document (Tiptap's schema in the Y.XmlFragment), as typing would. */
function appendParagraph(client: CollabTestClient, text: string): void {
  const fragment = client.doc.getXmlFragment('default');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

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
      content: {
        summary: string;
        focusAreas: Array<{ title: string; status: string }>;
        narrative?: { text: string; html: string } | null;
      };
      figures: { actions: { totals: { done: number; open: number; overdue: number } } };
    };
  }>;
}

describe('the RVC bundle: accepted reports of a cycle as JSON and PDF', () => {
  let t: TestApp;
  let api: Api;
  let strategy: StrategyDetail;
  let pastCycleId: string;
  let cycleId: string;
  const workgroupIds: Record<keyof typeof WORKGROUP_NAMES, string> = { ondermijning: '', cyber: '', onrust: '' };

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    strategy = await api.strategy();
    for (const key of Object.keys(WORKGROUP_NAMES) as Array<keyof typeof WORKGROUP_NAMES>)
      workgroupIds[key] = await api.workgroupId(WORKGROUP_NAMES[key]);
    const cycles = expectStatus(
      await api.get(DEMO.secretariaat, `/api/reporting-cycles?strategyId=${strategy.id}`),
      200,
    ).body as Array<{ id: string; meetingDate: string }>;
    pastCycleId = cycles.find((c) => c.meetingDate < day(0))!.id;
    cycleId = expectStatus(
      await api.post(DEMO.secretariaat, '/api/reporting-cycles', {
        strategyId: strategy.id,
        title: 'RVC-vergadering bundeltest',
        meetingDate: day(30),
        reportDeadline: day(20),
        periodStart: day(-150),
        periodEnd: day(20),
      }),
      201,
    ).body.id;
  });
  afterAll(() => t.close());

  const bundle = async (who: string, id: string) =>
    expectStatus(await api.get(who, `/api/reporting-cycles/${id}/bundle`), 200).body as BundleView;

  it('compiles the demo past cycle: the cycle, the strategy, every werkgroep in priority order with its accepted, verified report', async () => {
    const body = await bundle(DEMO.rvc, pastCycleId);
    const { seal, ...cycle } = expectStatus(await api.get(DEMO.rvc, `/api/reporting-cycles/${pastCycleId}`), 200).body;
    expect(seal).toBeNull(); // open: compiled now, not sealed
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
      expect(Object.keys(w.report!).sort()).toEqual([
        'acceptedAt',
        'acceptedByName',
        'content',
        'contentHash',
        'figures',
        'hashVerified',
        'reportId',
        'submittedAt',
        'submittedByName',
        'submittedOnBehalf',
        'version',
      ]);
      expect(Date.parse(w.report!.acceptedAt)).toBeGreaterThan(Date.parse(w.report!.submittedAt));
      // The demo narrative document, frozen into the version exactly as the server exports it.
      expect(w.report!.content.narrative!.text).toContain('Toelichting');
      const working = expectStatus(
        await api.get(DEMO.secretariaat, `/api/progress-reports/${w.report!.reportId}`),
        200,
      ).body;
      const exported = expectStatus(
        await api.get(DEMO.secretariaat, `/api/documents/${working.narrativeDocumentId}/export?format=text`),
        200,
      ).text;
      expect(exported).toBe(w.report!.content.narrative!.text);
      // The same version as the report's own version list.
      const versions = expectStatus(
        await api.get(DEMO.rvc, `/api/progress-reports/${w.report!.reportId}/versions`),
        200,
      ).body;
      expect(versions.at(-1)).toMatchObject({ version: w.report!.version, contentHash: w.report!.contentHash });
    }
  });

  it('holds only accepted versions: a submitted, a returned and a missing report are null; a resubmitted and accepted one is version 2', async () => {
    const reportOf = async (who: string, workgroupId: string) =>
      expectStatus(await api.post(who, `/api/workgroups/${workgroupId}/progress-reports`, { cycleId }), 201).body
        .id as string;
    const ondermijning = await reportOf(DEMO.aanjagerOndermijning, workgroupIds.ondermijning);
    const cyber = await reportOf(DEMO.aanjagerCyber, workgroupIds.cyber);
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}`, {
        summary: 'Ondermijning: eerste versie.',
      }),
      200,
    );
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}/submit`), 200);
    expectStatus(
      await api.patch(DEMO.aanjagerCyber, `/api/progress-reports/${cyber}`, {
        summary: 'Cyber: ingediend, nog niet beoordeeld.',
      }),
      200,
    );
    expectStatus(await api.post(DEMO.aanjagerCyber, `/api/progress-reports/${cyber}/submit`), 200);

    let body = await bundle(DEMO.secretariaat, cycleId);
    expect(body.workgroups.map((w) => w.report)).toEqual([null, null, null]);

    expectStatus(
      await api.post(DEMO.secretariaat, `/api/progress-reports/${ondermijning}/return`, {
        comment: 'Graag concreter.',
      }),
      200,
    );
    expect((await bundle(DEMO.secretariaat, cycleId)).workgroups.every((w) => w.report === null)).toBe(true);
    // Names beyond WinAnsi (the standard PDF fonts' only character set) must reach the PDF unharmed.
    const accepted = 'Ondermijning: geaccepteerde versie, met wethouder Şahin en de partnerstad Łódź.';
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}`, { summary: accepted }),
      200,
    );
    expectStatus(await api.post(DEMO.aanjagerOndermijning, `/api/progress-reports/${ondermijning}/submit`), 200);
    expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${ondermijning}/accept`), 200);

    body = await bundle(DEMO.rvc, cycleId);
    const byId = new Map(body.workgroups.map((w) => [w.workgroupId, w]));
    expect(byId.get(workgroupIds.ondermijning)!.report).toMatchObject({
      reportId: ondermijning,
      version: 2,
      hashVerified: true,
      content: { summary: accepted },
    });
    expect(byId.get(workgroupIds.cyber)!.report).toBeNull();
    expect(byId.get(workgroupIds.onrust)!.report).toBeNull();
    expect(JSON.stringify(body)).not.toContain('eerste versie');
    expect(JSON.stringify(body)).not.toContain('nog niet beoordeeld');

    const response = expectStatus(
      await t
        .http()
        .get(`/api/reporting-cycles/${cycleId}/bundle.pdf`)
        .set('Authorization', `Bearer ${await api.token(DEMO.rvc)}`)
        .responseType('blob'),
      200,
    );
    const pdfText = flat((await pdfPages(response.body as Buffer)).join('\n'));
    expect(pdfText).toContain(flat(accepted));
    expect(pdfText).not.toContain('eerste versie');
  });

  it('renders the bundle as an A4 PDF on the server: cover, matrix, every werkgroep with its summary, figures and hash, page numbers', async () => {
    const json = await bundle(DEMO.rvc, pastCycleId);
    const response = expectStatus(
      await t
        .http()
        .get(`/api/reporting-cycles/${pastCycleId}/bundle.pdf`)
        .set('Authorization', `Bearer ${await api.token(DEMO.rvc)}`)
        .responseType('blob'),
      200,
    );
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="rvc-bundel-${json.cycle.meetingDate}.pdf"`,
    );
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (process.env.KOERS_KEEP_BUNDLE_PDF) fs.writeFileSync(process.env.KOERS_KEEP_BUNDLE_PDF, pdf);
    const text = await pdfPages(pdf);
    const totalPages = text.length;
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
    // Archival and accessible (libs/reporting/src/bundle-pdf.spec.ts checks the details).
    const inspection = await inspectPdf(pdf);
    expect(inspection).toMatchObject({ pdfaPart: '2', marked: true, hasStructTree: true, lang: 'nl-NL' });
    expect(inspection.fonts.every((f) => f.embedded)).toBe(true);
    expect(inspection.figureAlts.length).toBeGreaterThan(0);
  });

  it('gives each report a collaborative narrative document, frozen into the version on submit and never open to RVC members', async () => {
    const created = expectStatus(
      await api.post(DEMO.aanjagerOnrust, `/api/workgroups/${workgroupIds.onrust}/progress-reports`, { cycleId }),
      201,
    ).body;
    const documentId = created.narrativeDocumentId as string;
    expect(documentId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const meta = expectStatus(await api.get(DEMO.ovjOnrust, `/api/documents/${documentId}`), 200).body;
    expect(meta).toMatchObject({
      workgroupId: workgroupIds.onrust,
      kind: 'voortgangsrapportage',
      title: 'Voortgangsrapportage RVC-vergadering bundeltest',
      archivedAt: null,
    });
    const list = expectStatus(
      await api.get(DEMO.aanjagerOnrust, `/api/workgroups/${workgroupIds.onrust}/progress-reports`),
      200,
    ).body as Array<{ id: string; narrativeDocumentId: string }>;
    expect(list.find((r) => r.id === created.id)!.narrativeDocumentId).toBe(documentId);

    // Two members write the narrative together in the editor's schema.
    const writer = (await CollabTestClient.open(t.url, await api.token(DEMO.aanjagerOnrust), documentId)).client;
    const colleague = (await CollabTestClient.open(t.url, await api.token(DEMO.ovjOnrust), documentId)).client;
    try {
      await eventually(() => expect(writer.doc.getXmlFragment('default').length).toBeGreaterThan(0));
      await eventually(() => expect(colleague.doc.getXmlFragment('default').length).toBeGreaterThan(0));
      appendParagraph(writer, 'Wijkgesprekken & sleutelfiguren: 37 gevoerd.');
      appendParagraph(colleague, 'Het draaiboek ordeverstoringen is in 61% van de gemeenten vastgesteld.');
      expect((await writer.settled()).every((a) => a.ok)).toBe(true);
      expect((await colleague.settled()).every((a) => a.ok)).toBe(true);

      expectStatus(
        await api.patch(DEMO.aanjagerOnrust, `/api/progress-reports/${created.id}`, {
          summary: 'Onrust: samen geschreven.',
        }),
        200,
      );
      const submitted = expectStatus(
        await api.post(DEMO.aanjagerOnrust, `/api/progress-reports/${created.id}/submit`),
        200,
      ).body;
      const narrative = submitted.latestVersion.content.narrative;
      expect(narrative.text).toContain('Wijkgesprekken & sleutelfiguren: 37 gevoerd.');
      expect(narrative.text).toContain('Het draaiboek ordeverstoringen is in 61% van de gemeenten vastgesteld.');
      expect(narrative.text).toContain('Voortgangsrapportage');
      expect(narrative.html).toContain('<p>Wijkgesprekken &amp; sleutelfiguren: 37 gevoerd.</p>');
      expect(submitted.latestVersion.hashVerified).toBe(true);
      // The hash covers the narrative: the stored content is what was hashed, and another narrative gives another hash.
      const [row] = await t.app
        .get(DataSource)
        .query(
          'SELECT content, figures, content_hash FROM progress_report_versions WHERE report_id = $1 AND version = 1',
          [created.id],
        );
      expect(row.content.narrative).toEqual(narrative);
      expect(versionContentHash({ reportId: created.id, version: 1, content: row.content, figures: row.figures })).toBe(
        row.content_hash,
      );
      expect(
        versionContentHash({
          reportId: created.id,
          version: 1,
          content: { ...row.content, narrative: { ...narrative, text: 'anders' } },
          figures: row.figures,
        }),
      ).not.toBe(row.content_hash);

      // Writing on after submit does not change the frozen version.
      appendParagraph(writer, 'Na indienen toegevoegd.');
      await writer.settled();
      const versions = expectStatus(
        await api.get(DEMO.aanjagerOnrust, `/api/progress-reports/${created.id}/versions`),
        200,
      ).body;
      expect(versions[0].content.narrative.text).not.toContain('Na indienen toegevoegd.');
    } finally {
      writer.close();
      colleague.close();
    }
    expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${created.id}/accept`), 200);
    const inBundle = (await bundle(DEMO.rvc, cycleId)).workgroups.find((w) => w.workgroupId === workgroupIds.onrust)!;
    expect(inBundle.report!.content.narrative!.text).toContain('Wijkgesprekken & sleutelfiguren: 37 gevoerd.');
    expect(inBundle.report!.content.narrative!.text).not.toContain('Na indienen toegevoegd.');
    const pdf = expectStatus(
      await t
        .http()
        .get(`/api/reporting-cycles/${cycleId}/bundle.pdf`)
        .set('Authorization', `Bearer ${await api.token(DEMO.secretariaat)}`)
        .responseType('blob'),
      200,
    ).body as Buffer;
    expect(flat((await pdfPages(pdf)).join(' '))).toContain('Wijkgesprekken & sleutelfiguren: 37 gevoerd.');

    // RVC members read the accepted version, but never the working document: not over REST, not over /collab.
    const seen = expectStatus(await api.get(DEMO.rvc, `/api/progress-reports/${created.id}`), 200).body;
    expect(seen.narrativeDocumentId).toBeUndefined();
    expect(seen.version.content.narrative.text).toContain('Wijkgesprekken');
    expectStatus(await api.get(DEMO.rvc, `/api/documents/${documentId}`), 403);
    expectStatus(await api.get(DEMO.rvc, `/api/documents/${documentId}/export?format=text`), 403);
    expectStatus(await api.get(DEMO.rvc, `/api/workgroups/${workgroupIds.onrust}/documents`), 403);
    const rvc = await CollabTestClient.open(t.url, await api.token(DEMO.rvc), documentId);
    try {
      expect(rvc.join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(rvc.client.doc.getXmlFragment('default').length).toBe(0);
    } finally {
      rvc.client.close();
    }
    // Members of another werkgroep do not even learn it exists.
    expectStatus(await api.get(DEMO.aanjagerCyber, `/api/documents/${documentId}`), 404);
  });

  it('is open to exactly those who may read the dashboard: secretariat and RVC; werkgroep members get 403, an unknown cycle 404', async () => {
    for (const path of [
      `/api/reporting-cycles/${pastCycleId}/bundle`,
      `/api/reporting-cycles/${pastCycleId}/bundle.pdf`,
    ]) {
      expectStatus(await api.get(DEMO.secretariaat, path), 200);
      expectStatus(await api.get(DEMO.rvc, path), 200);
      for (const who of [DEMO.aanjagerOndermijning, DEMO.ovjOndermijning, DEMO.riec, DEMO.waarnemerOnrust])
        expectStatus(await api.get(who, path), 403);
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
