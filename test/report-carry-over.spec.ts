import { DataSource } from 'typeorm';
import { blocksUpdate } from '@koers/documents';
import { Api, DEMO, expectStatus, unique, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

interface WorkingReport {
  id: string;
  version: number;
  narrativeDocumentId: string;
  content: { summary: string; focusAreas: Array<{ focusAreaId: string; status: string; narrative: string }> };
  carriedOver: {
    reportId: string;
    cycleTitle: string;
    version: number;
    acceptedAt: string;
    fields: string[];
    narrative?: { changedSinceAcceptance: boolean } | null;
  } | null;
}
interface SubmitCheck {
  items: Array<{ field: string; label: string; problem: 'leeg' | 'sjabloon' | 'overgenomen' }>;
}

/**
 * A new progress report starts from the werkgroep's last accepted one (issue #12): its statuses and texts,
 * marked as carried over until someone changes them; before submitting, the aanjager is told what is empty,
 * still carried over unchanged, or (the shared narrative) still the bare template.
 */
describe('a new report starts from the last accepted one', () => {
  let t: TestApp;
  let api: Api;
  let strategyId: string;
  let workgroupId: string;
  const A = DEMO.aanjagerCyber;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    strategyId = (await api.strategy()).id;
    workgroupId = await api.workgroupId(WORKGROUP_NAMES.cyber);
  }, 180_000);
  afterAll(() => t.close());

  async function newCycle(title: string, meetingDate: string, reportDeadline: string): Promise<string> {
    const body = { strategyId, title, meetingDate, reportDeadline };
    return expectStatus(await api.post(DEMO.secretariaat, '/api/reporting-cycles', body), 201).body.id as string;
  }
  async function newReport(cycleId: string): Promise<WorkingReport> {
    const path = `/api/workgroups/${workgroupId}/progress-reports`;
    return expectStatus(await api.post(A, path, { cycleId }), 201).body as WorkingReport;
  }
  const check = async (id: string) =>
    expectStatus(await api.get(A, `/api/progress-reports/${id}/submit-check`), 200).body as SubmitCheck;
  /** The shared narrative document as the export shows it. */
  const narrativeOf = async (report: WorkingReport, format: 'text' | 'html') =>
    (
      await t
        .http()
        .get(`/api/documents/${report.narrativeDocumentId}/export?format=${format}`)
        .set('Authorization', `Bearer ${await api.token(A)}`)
        .buffer(true)
        .parse((res, done) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => done(null, body));
        })
        .expect(200)
    ).body as string;

  it('takes over statuses and texts, marks them until changed, and names what to look at before submitting', async () => {
    const first = unique('Carry-over voorjaar');
    const firstReport = await newReport(await newCycle(first, '2031-03-20', '2031-03-01'));
    // The demo's accepted report of the past meeting is where the first one starts, its shared narrative too:
    // a copy of that document with its headings and paragraphs.
    expect(firstReport.carriedOver).toMatchObject({
      version: 1,
      fields: expect.arrayContaining(['summary']),
      narrative: { changedSinceAcceptance: false },
    });
    expect(await narrativeOf(firstReport, 'text')).toContain('HackShield groeit sneller dan gepland');
    expect(await narrativeOf(firstReport, 'html')).toMatch(/<h2[^>]*>Toelichting<\/h2>/);
    const [area, other] = firstReport.content.focusAreas;
    const saved = expectStatus(
      await api.patch(A, `/api/progress-reports/${firstReport.id}`, {
        summary: 'Voorjaar: de aanpak van phishing loopt.',
        focusAreas: [
          { focusAreaId: area.focusAreaId, status: 'op_koers', narrative: 'Drie gemeenten doen mee.' },
          { focusAreaId: other.focusAreaId, narrative: '' },
        ],
      }),
      200,
    ).body as WorkingReport;
    expect(saved.carriedOver!.fields).not.toContain('summary');
    expect(saved.carriedOver!.fields).not.toContain(`focusAreas.${area.focusAreaId}.narrative`);
    expectStatus(await api.post(A, `/api/progress-reports/${firstReport.id}/submit`), 200);
    expectStatus(await api.post(DEMO.secretariaat, `/api/progress-reports/${firstReport.id}/accept`), 200);
    // Someone adds to the accepted report's narrative afterwards (as an editor's update would be stored).
    await t.app
      .get(DataSource)
      .query('INSERT INTO document_updates (document_id, data) VALUES ($1, $2)', [
        firstReport.narrativeDocumentId,
        Buffer.from(blocksUpdate([{ type: 'paragraph', text: 'Na de acceptatie aangevuld.' }])),
      ]);

    // A report for the next meeting starts from the accepted one.
    const next = await newReport(await newCycle(unique('Carry-over zomer'), '2031-06-20', '2031-06-01'));
    expect(next.content.summary).toBe('Voorjaar: de aanpak van phishing loopt.');
    const nextArea = next.content.focusAreas.find((f) => f.focusAreaId === area.focusAreaId)!;
    expect(nextArea).toMatchObject({ status: 'op_koers', narrative: 'Drie gemeenten doen mee.' });
    expect(next.carriedOver).toMatchObject({
      reportId: firstReport.id,
      cycleTitle: first,
      version: 1,
      narrative: { changedSinceAcceptance: true },
    });
    expect(next.narrativeDocumentId).not.toBe(firstReport.narrativeDocumentId);
    const nextNarrative = await narrativeOf(next, 'text');
    expect(nextNarrative).toContain('HackShield groeit sneller dan gepland');
    expect(nextNarrative).toContain('Na de acceptatie aangevuld.');
    expect(next.carriedOver!.fields).toEqual(
      expect.arrayContaining([
        'summary',
        `focusAreas.${area.focusAreaId}.status`,
        `focusAreas.${area.focusAreaId}.narrative`,
      ]),
    );
    // An empty text is not "carried over": there is nothing to carry.
    expect(next.carriedOver!.fields).not.toContain(`focusAreas.${other.focusAreaId}.narrative`);

    // Before submitting: carried over unchanged (the shared narrative too), and empty.
    const before = await check(next.id);
    expect(before.items).toEqual(
      expect.arrayContaining([
        { field: 'summary', label: `Samenvatting (uit ${first})`, problem: 'overgenomen' },
        expect.objectContaining({ field: `focusAreas.${other.focusAreaId}.narrative`, problem: 'leeg' }),
        { field: 'narrative', label: `Gezamenlijke toelichting (uit ${first})`, problem: 'overgenomen' },
      ]),
    );
    // Once someone writes in it, the narrative is no longer named as carried over.
    await t.app
      .get(DataSource)
      .query('INSERT INTO document_updates (document_id, data) VALUES ($1, $2)', [
        next.narrativeDocumentId,
        Buffer.from(blocksUpdate([{ type: 'paragraph', text: 'Zomer: bijgewerkt.' }])),
      ]);
    expect((await check(next.id)).items.filter((i) => i.field === 'narrative')).toEqual([]);

    // Changed texts are no longer marked, nor named.
    const edited = expectStatus(
      await api.patch(A, `/api/progress-reports/${next.id}`, { summary: 'Zomer: nieuwe cijfers.' }),
      200,
    ).body as WorkingReport;
    expect(edited.carriedOver!.fields).not.toContain('summary');
    expect((await check(next.id)).items.map((i) => i.field)).not.toContain('summary');

    // Whatever is named, the aanjager may still submit.
    expectStatus(await api.post(A, `/api/progress-reports/${next.id}/submit`), 200);
  });

  it('starts empty when there is no accepted report before the meeting, and refuses the check to outsiders', async () => {
    const early = await newReport(await newCycle(unique('Carry-over vroeg'), '2023-02-01', '2023-01-20'));
    expect(early.carriedOver).toBeNull();
    expect((await check(early.id)).items).toEqual(
      expect.arrayContaining([{ field: 'narrative', label: 'Gezamenlijke toelichting', problem: 'sjabloon' }]),
    );
    expect(early.content.summary).toBe('');
    expect(early.content.focusAreas.every((f) => f.narrative === '' && f.status === 'nog_niet_gestart')).toBe(true);
    const items = (await check(early.id)).items;
    expect(items).toEqual(expect.arrayContaining([{ field: 'summary', label: 'Samenvatting', problem: 'leeg' }]));
    expect(items.some((i) => i.problem === 'overgenomen')).toBe(false);
    expect((await api.get(DEMO.aanjagerOndermijning, `/api/progress-reports/${early.id}/submit-check`)).status).toBe(
      404,
    );
  });
});
