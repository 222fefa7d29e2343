import * as fs from 'node:fs';
import { inspectPdf } from '@koers/testing';
import { extractText, getDocumentProxy } from 'unpdf';
import { renderBundlePdf } from './bundle-pdf';
import { RvcBundle, RvcBundleWorkgroup } from './reporting.model';

const workgroup = (name: string, withReport: boolean): RvcBundleWorkgroup => ({
  workgroupId: `wg-${name}`,
  name,
  priorityTitle: 'Ondermijning',
  report: withReport
    ? {
        reportId: 'r1',
        version: 2,
        submittedAt: '2026-03-01T10:00:00Z',
        submittedByName: 'Burgemeester Şahin',
        submittedOnBehalf: false,
        acceptedAt: '2026-03-02T10:00:00Z',
        acceptedByName: 'Bureau RVS',
        contentHash: 'a'.repeat(64),
        hashVerified: true,
        content: {
          summary: 'Samenvatting van Łódź tot Utrecht.',
          focusAreas: [{ focusAreaId: 'f1', title: 'Drugs', status: 'op_koers', narrative: 'Loopt.' }],
          narrative: { text: 'Kop\nTekst', html: '<h2>Kop</h2><ul><li><p>Punt</p></li></ul><p>Tekst</p>' },
        },
        figures: {
          computedAt: '2026-03-01T10:00:00Z',
          referenceDate: '2026-03-01',
          period: { start: '2026-01-01', end: '2026-03-31' },
          actions: {
            perFocusArea: [{ focusAreaId: 'f1', title: 'Drugs', done: 3, open: 2, overdue: 1 }],
            totals: { done: 3, open: 2, overdue: 1 },
            overdueByOrganisation: [{ organisationId: 'o1', organisationName: 'Politie', overdue: 1 }],
          },
          indicators: [
            {
              indicatorId: 'i1',
              focusAreaId: 'f1',
              title: 'Aantal signalen',
              unit: 'aantal',
              direction: 'hoger_is_beter',
              baseline: 10,
              target: 40,
              latestValue: 25,
              latestMeasuredOn: '2026-02-28',
              targetReached: false,
            },
          ],
          sessionsHeld: 4,
        },
      }
    : null,
});

const bundle: RvcBundle = {
  cycle: {
    id: 'c1',
    strategyId: 's1',
    title: 'RVC-vergadering maart 2026',
    meetingDate: '2026-03-20',
    reportDeadline: '2026-03-10',
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    version: 1,
    closedAt: null,
  },
  strategy: { id: 's1', name: 'Regionale Veiligheidsstrategie Midden-Nederland 2023-2026' },
  words: { boardName: 'Regionaal Veiligheidscollege', boardAbbreviation: 'RVC', themeSingular: 'prioriteit' },
  generatedAt: '2026-03-15T09:00:00Z',
  workgroups: [workgroup('Ondermijning', true), workgroup('Digitale veiligheid', false)],
};

describe('the RVC bundle PDF', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderBundlePdf(bundle);
    if (process.env.KOERS_KEEP_BUNDLE_PDF) fs.writeFileSync(process.env.KOERS_KEEP_BUNDLE_PDF, pdf);
  });

  it('is PDF/A-2a: XMP identification, sRGB output intent, every font embedded, PDF 1.7', async () => {
    const info = await inspectPdf(pdf);
    expect(info.version).toBe('1.7');
    expect(info.pdfaPart).toBe('2');
    expect(info.pdfaConformance).toBe('A');
    expect(info.outputIntent).toEqual({ subtype: 'GTS_PDFA1', hasProfile: true });
    expect(info.fonts.length).toBeGreaterThan(0);
    expect(info.fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(info.fonts.map((f) => f.name).join(' ')).toContain('DejaVuSans');
  });

  it('is tagged: structure tree with headings, lists, tables and charts with alternative text; title and language', async () => {
    const info = await inspectPdf(pdf);
    expect(info.marked).toBe(true);
    expect(info.hasStructTree).toBe(true);
    expect(info.title).toBe('RVC-bundel RVC-vergadering maart 2026');
    expect(info.displayDocTitle).toBe(true);
    expect(info.lang).toBe('nl-NL');
    expect(info.structTypes[0]).toBe('Document');
    for (const type of ['Sect', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Caption'])
      expect(info.structTypes).toContain(type);
    // Reading order: the cover's title before the matrix, the matrix before the werkgroep.
    expect(info.structTypes.indexOf('H1')).toBeLessThan(info.structTypes.indexOf('Table'));
    expect(info.figureAlts).toEqual([
      'Staafdiagram Aantal signalen: Nulmeting 10, Laatste meting 25, Doel 40; loopt nog.',
    ]);
  });

  it('keeps its text, also the characters outside WinAnsi', async () => {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain('Şahin');
    expect(text).toContain('Łódź');
    expect(text).toContain('Pagina 1 van');
  });
});
