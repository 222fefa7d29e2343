import { ACTION_FIGURE_LABELS, INDICATOR_VERDICT_LABELS, indicatorVerdict } from '@koers/contracts';
import { createArchivalPdf, PDF_FONTS, printable, Tags } from '@koers/core';
import {
  FOCUS_AREA_STATUS_LABELS,
  FocusAreaStatus,
  IndicatorUnit,
  ReportFigures,
  ReportNarrative,
  RvcBundle,
  RvcBundleWorkgroup,
  BundleWords,
} from './reporting.model';

/**
 * The RVC bundle as a printable A4 PDF, drawn with pdfkit and the embedded DejaVu fonts (no browser at run time):
 * a cover, the summary matrix, then per werkgroep its accepted report with figures and a bar chart per
 * indicator. Statuses are always written out; colour only repeats them. Page numbers in the footer.
 * PDF/A-2a and tagged (libs/core/src/pdf/archival-pdf.ts): headings, lists, tables with header cells, charts as
 * figures with alternative text; rules, backgrounds, markers and footers are artifacts.
 */

const MARGIN = 56;
const FOOTER_HEIGHT = 28;
const FONT = PDF_FONTS.body;
const BOLD = PDF_FONTS.bold;
const MONO = PDF_FONTS.mono;
const INK = '#1a1a1a';
const MUTED = '#4d4d4d';
const RULE = '#b3b3b3';
const ACCENT = '#1f4e79';
/** Colours that repeat the written status (contrast at least 4.5:1 on white). */
const STATUS_COLOURS: Record<FocusAreaStatus, string> = {
  op_koers: '#1e6b33',
  afgerond: '#1f4e79',
  aandacht_nodig: '#8a5300',
  achterstand: '#a3191f',
  nog_niet_gestart: '#595959',
};

type Doc = PDFKit.PDFDocument;
/** The document being drawn and its structure tree. */
interface Pdf {
  doc: Doc;
  tags: Tags;
}

const longDate = (date: string) =>
  new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T12:00:00Z`),
  );
const dateTime = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
const number = (value: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 }).format(value);

function withUnit(value: number | null, unit: IndicatorUnit): string {
  if (value === null) return 'geen';
  switch (unit) {
    case 'euro':
      return `€ ${number(value)}`;
    case 'percentage':
      return `${number(value)}%`;
    case 'dagen':
      return `${number(value)} ${value === 1 ? 'dag' : 'dagen'}`;
    default:
      return number(value);
  }
}

/** The board's short name ("RVC"), or its full name when the region gave no abbreviation. */
const board = (bundle: RvcBundle) => bundle.words.boardAbbreviation || bundle.words.boardName;
const abbreviated = (bundle: RvcBundle) =>
  bundle.words.boardAbbreviation ? ` (${bundle.words.boardAbbreviation})` : '';

export function renderBundlePdf(bundle: RvcBundle): Promise<Buffer> {
  const { doc, tags, finish } = createArchivalPdf({
    title: `${board(bundle)}-bundel ${bundle.cycle.title}`,
    subject: bundle.strategy.name,
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN },
  });
  const pdf: Pdf = { doc, tags };
  doc.fillColor(INK);
  tags.group('Sect', () => cover(pdf, bundle));
  doc.addPage();
  tags.group('Sect', () => summaryMatrix(pdf, bundle));
  for (const workgroup of bundle.workgroups) {
    doc.addPage();
    tags.group('Sect', () => workgroupSection(pdf, workgroup, bundle.words));
  }
  footers(pdf, bundle);
  return finish();
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when fewer than `height` points are left on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading({ doc, tags }: Pdf, level: 1 | 2 | 3, text: string, size: number, gapBefore = 0.6): void {
  doc.moveDown(gapBefore);
  ensureSpace(doc, size * 3);
  tags.leaf(`H${level}`, () =>
    doc
      .font(BOLD)
      .fontSize(size)
      .fillColor(ACCENT)
      .text(printable(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) }),
  );
  doc.fillColor(INK).moveDown(0.3);
}

function paragraph(
  { doc, tags }: Pdf,
  text: string,
  options: { size?: number; colour?: string; font?: string } = {},
): void {
  tags.leaf('P', () => {
    doc
      .font(options.font ?? FONT)
      .fontSize(options.size ?? 10.5)
      .fillColor(options.colour ?? INK);
    doc.text(printable(text), doc.page.margins.left, doc.y, { width: contentWidth(doc), lineGap: 2 });
  });
  doc.fillColor(INK);
}

function labelled({ doc, tags }: Pdf, label: string, value: string): void {
  tags.leaf('P', () => {
    doc
      .font(BOLD)
      .fontSize(10.5)
      .fillColor(INK)
      .text(`${printable(label)}: `, doc.page.margins.left, doc.y, { continued: true, width: contentWidth(doc) });
    doc.font(FONT).text(printable(value), { lineGap: 2 });
  });
}

/** A list of short items (L > LI > LBody), each one paragraph. */
function list(pdf: Pdf, items: string[]): void {
  pdf.tags.group('L', () => {
    for (const item of items) pdf.tags.group('LI', () => paragraphAs(pdf, 'LBody', item));
  });
}

function paragraphAs({ doc, tags }: Pdf, type: 'LBody' | 'P', text: string): void {
  tags.leaf(type, () =>
    doc
      .font(FONT)
      .fontSize(10.5)
      .fillColor(INK)
      .text(printable(text), doc.page.margins.left, doc.y, { width: contentWidth(doc), lineGap: 2 }),
  );
}

function cover(pdf: Pdf, bundle: RvcBundle): void {
  const { doc, tags } = pdf;
  const accepted = bundle.workgroups.filter((w) => w.report).length;
  tags.artifact(() => doc.rect(0, 0, doc.page.width, 12).fill(ACCENT).fillColor(INK));
  doc.y = 150;
  paragraph(pdf, bundle.strategy.name, { size: 13, colour: MUTED });
  doc.moveDown(0.6);
  tags.leaf('H1', () =>
    doc
      .font(BOLD)
      .fontSize(26)
      .fillColor(ACCENT)
      .text('Bundel voortgangsrapportages', doc.page.margins.left, doc.y, { width: contentWidth(doc) }),
  );
  tags.leaf('P', () =>
    doc
      .font(FONT)
      .fontSize(16)
      .fillColor(INK)
      .text(printable(`voor het ${bundle.words.boardName}${abbreviated(bundle)}`), { width: contentWidth(doc) }),
  );
  doc.moveDown(1.5);
  tags.leaf('P', () =>
    doc
      .font(BOLD)
      .fontSize(15)
      .text(printable(bundle.cycle.title), { width: contentWidth(doc) }),
  );
  doc.moveDown(0.8);
  labelled(pdf, `Vergadering ${board(bundle)}`, longDate(bundle.cycle.meetingDate));
  labelled(
    pdf,
    'Verslagperiode',
    `${longDate(bundle.cycle.periodStart)} tot en met ${longDate(bundle.cycle.periodEnd)}`,
  );
  labelled(pdf, 'Deadline rapportages', longDate(bundle.cycle.reportDeadline));
  labelled(pdf, 'Geaccepteerde rapportages', `${accepted} van ${bundle.workgroups.length} werkgroepen`);
  labelled(pdf, 'Samengesteld op', dateTime(bundle.generatedAt));
  doc.moveDown(2);
  heading(pdf, 2, 'Inhoud', 13, 0);
  list(pdf, [
    '1. Overzicht: status per werkgroep en onderdeel',
    ...bundle.workgroups.map((w, i) => `${i + 2}. ${w.name}${w.report ? '' : ' (geen geaccepteerde rapportage)'}`),
  ]);
  doc.moveDown(2);
  paragraph(
    pdf,
    'Deze bundel bevat per werkgroep de door het secretariaat geaccepteerde versie van de voortgangsrapportage. ' +
      'Elke versie is bij indienen bevroren; de inhoudshash (SHA-256) onder elke rapportage maakt controle op latere wijziging mogelijk.',
    { size: 9.5, colour: MUTED },
  );
}

/** Werkgroepen (rows) by their focus areas, with the status written out and a coloured marker beside it. */
function summaryMatrix(pdf: Pdf, bundle: RvcBundle): void {
  const { doc, tags } = pdf;
  heading(pdf, 1, '1. Overzicht: status per werkgroep en onderdeel', 16, 0);
  paragraph(pdf, 'Status volgens de geaccepteerde rapportage van deze cyclus.', { size: 9.5, colour: MUTED });
  doc.moveDown(0.5);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const columns = [width * 0.34, width * 0.42, width * 0.24];
  const header = ['Werkgroep', 'Onderdeel', 'Status'];
  /** The header row; repeated on a following page it is page furniture, not content. */
  const drawHeader = (repeated: boolean) => {
    const y = doc.y;
    tags.artifact(() => doc.rect(left, y, width, 20).fill('#e8eef5'));
    const cells = () => {
      let x = left;
      header.forEach((h, i) => {
        const draw = () =>
          doc
            .font(BOLD)
            .fontSize(10)
            .fillColor(INK)
            .text(h, x + 4, y + 5, { width: columns[i] - 8 });
        if (repeated) tags.artifact(draw, 'Pagination');
        else tags.leaf('TH', draw, { scope: 'Column' });
        x += columns[i];
      });
    };
    if (repeated) cells();
    else tags.group('THead', () => tags.group('TR', cells));
    doc.y = y + 20;
  };
  tags.group('Table', () => {
    drawHeader(false);
    tags.group('TBody', () => {
      for (const w of bundle.workgroups) {
        const rows: Array<{ title: string; status: string; colour: string | null }> = w.report
          ? w.report.content.focusAreas.map((f) => ({
              title: f.title,
              status: FOCUS_AREA_STATUS_LABELS[f.status] ?? f.status,
              colour: STATUS_COLOURS[f.status] ?? null,
            }))
          : [{ title: '-', status: 'Geen geaccepteerde rapportage', colour: null }];
        rows.forEach((row, index) => {
          doc.font(FONT).fontSize(9.5);
          const nameHeight = index === 0 ? doc.heightOfString(printable(w.name), { width: columns[0] - 8 }) : 0;
          const height =
            Math.max(
              nameHeight,
              doc.heightOfString(printable(row.title), { width: columns[1] - 8 }),
              doc.heightOfString(row.status, { width: columns[2] - 20 }),
            ) + 8;
          if (doc.y + height > bottom(doc)) {
            doc.addPage();
            drawHeader(true);
          }
          const y = doc.y;
          const statusX = left + columns[0] + columns[1] + 4;
          tags.artifact(() => {
            if (index === 0)
              doc
                .moveTo(left, y)
                .lineTo(left + width, y)
                .lineWidth(0.8)
                .strokeColor(RULE)
                .stroke();
            if (row.colour) doc.rect(statusX, y + 6, 8, 8).fill(row.colour);
          });
          tags.group('TR', () => {
            // The werkgroep heads its rows; later rows of the same werkgroep repeat it for a screen reader only.
            tags.leaf(
              'TH',
              () => {
                if (index === 0)
                  doc
                    .font(BOLD)
                    .fillColor(INK)
                    .text(printable(w.name), left + 4, y + 4, { width: columns[0] - 8 });
              },
              { scope: 'Row' },
            );
            tags.leaf('TD', () =>
              doc
                .font(FONT)
                .fontSize(9.5)
                .fillColor(INK)
                .text(printable(row.title), left + columns[0] + 4, y + 4, { width: columns[1] - 8 }),
            );
            tags.leaf('TD', () =>
              doc
                .font(FONT)
                .fontSize(9.5)
                .fillColor(INK)
                .text(row.status, statusX + (row.colour ? 12 : 0), y + 4, { width: columns[2] - 20 }),
            );
          });
          doc.y = y + height;
        });
      }
    });
  });
  tags.artifact(() =>
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke(),
  );
  doc.x = left;
}

function workgroupSection(pdf: Pdf, w: RvcBundleWorkgroup, words: BundleWords): void {
  const { doc, tags } = pdf;
  const theme = words.themeSingular.charAt(0).toUpperCase() + words.themeSingular.slice(1);
  tags.leaf('P', () =>
    doc
      .font(FONT)
      .fontSize(10)
      .fillColor(MUTED)
      .text(printable(`${theme}: ${w.priorityTitle}`), doc.page.margins.left, doc.y, { width: contentWidth(doc) }),
  );
  heading(pdf, 1, w.name, 18, 0.1);
  const report = w.report;
  if (!report) {
    paragraph(pdf, 'Voor deze werkgroep is in deze cyclus (nog) geen rapportage door het secretariaat geaccepteerd.');
    return;
  }
  labelled(pdf, 'Versie', String(report.version));
  labelled(
    pdf,
    'Ingediend',
    `${dateTime(report.submittedAt)} door ${report.submittedByName ?? 'onbekend'}${report.submittedOnBehalf ? ` namens ${w.name}` : ''}`,
  );
  labelled(pdf, 'Geaccepteerd', `${dateTime(report.acceptedAt)} door ${report.acceptedByName ?? 'onbekend'}`);

  heading(pdf, 2, 'Samenvatting', 13);
  paragraph(pdf, report.content.summary || '(geen samenvatting)');

  heading(pdf, 2, 'Voortgang per onderdeel', 13);
  for (const f of report.content.focusAreas) {
    ensureSpace(doc, 40);
    tags.leaf('H3', () => {
      doc
        .font(BOLD)
        .fontSize(10.5)
        .fillColor(INK)
        .text(printable(f.title), doc.page.margins.left, doc.y, { width: contentWidth(doc), continued: true });
      doc
        .font(FONT)
        .fillColor(STATUS_COLOURS[f.status] ?? INK)
        .text(`  Status: ${FOCUS_AREA_STATUS_LABELS[f.status] ?? f.status}`);
    });
    doc.fillColor(INK);
    if (f.narrative.trim()) paragraph(pdf, f.narrative);
    doc.moveDown(0.4);
  }

  const narrative = report.content.narrative ? narrativeBlocks(report.content.narrative) : [];
  if (narrative.length) {
    heading(pdf, 2, 'Toelichting van de werkgroep', 13);
    for (const block of narrative) {
      if (block.heading) {
        ensureSpace(doc, 40);
        tags.leaf('H3', () =>
          doc
            .font(BOLD)
            .fontSize(11)
            .fillColor(INK)
            .text(printable(block.text), doc.page.margins.left, doc.y, { width: contentWidth(doc), lineGap: 2 }),
        );
      } else paragraph(pdf, block.text);
      doc.moveDown(0.3);
    }
  }

  figures(pdf, report.figures);

  // The hash block stays together with its heading.
  doc.moveDown(0.6);
  ensureSpace(doc, 70);
  heading(pdf, 2, 'Verantwoording', 13, 0);
  paragraph(pdf, `Inhoudshash (SHA-256) van versie ${report.version}:`, { size: 9.5, colour: MUTED });
  paragraph(pdf, report.contentHash, { size: 9, font: MONO });
  paragraph(
    pdf,
    report.hashVerified
      ? 'De hash is bij het samenstellen opnieuw berekend en klopt: de inhoud is sinds indienen niet gewijzigd.'
      : 'Let op: de opnieuw berekende hash wijkt af van de opgeslagen hash.',
    {
      size: 9.5,
      colour: report.hashVerified ? MUTED : STATUS_COLOURS.achterstand,
    },
  );
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const inlineText = (html: string) =>
  html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e])
    .trim();

/**
 * The narrative's headings and paragraphs (list items with a bullet), from the HTML the server's document
 * export produced (libs/documents/src/document-export.ts); the plain text when there is no HTML.
 */
function narrativeBlocks(narrative: ReportNarrative): Array<{ heading: boolean; text: string }> {
  const blocks: Array<{ heading: boolean; text: string }> = [];
  let bullet = false;
  for (const match of narrative.html.matchAll(/<li>|<(h[1-6]|p|th|td)>([\s\S]*?)<\/\1>/g)) {
    if (match[0] === '<li>') {
      bullet = true;
      continue;
    }
    const text = inlineText(match[2]);
    if (text) blocks.push({ heading: match[1].startsWith('h'), text: bullet ? `• ${text}` : text });
    bullet = false;
  }
  if (blocks.length || !narrative.text.trim()) return blocks;
  return narrative.text
    .split(/\n{2,}/)
    .map((text) => ({ heading: false, text: text.trim() }))
    .filter((b) => b.text);
}

function figures(pdf: Pdf, figures: ReportFigures): void {
  const { doc } = pdf;
  heading(pdf, 2, 'Cijfers', 13);
  paragraph(
    pdf,
    `Stand van ${longDate(figures.referenceDate)}; verslagperiode ${longDate(figures.period.start)} tot en met ${longDate(figures.period.end)}.`,
    { size: 9.5, colour: MUTED },
  );
  doc.moveDown(0.4);
  const rows = figures.actions.perFocusArea.map((f) => [f.title, String(f.done), String(f.open), String(f.overdue)]);
  rows.push([
    'Totaal',
    String(figures.actions.totals.done),
    String(figures.actions.totals.open),
    String(figures.actions.totals.overdue),
  ]);
  const { done, open, overdue } = ACTION_FIGURE_LABELS;
  table(pdf, 'Acties per onderdeel', ['Onderdeel', done, open, overdue], [0.55, 0.15, 0.15, 0.15], rows);

  if (figures.actions.overdueByOrganisation.length) {
    doc.moveDown(0.6);
    table(
      pdf,
      'Verlopen acties per organisatie',
      ['Organisatie', overdue],
      [0.8, 0.2],
      figures.actions.overdueByOrganisation.map((o) => [o.organisationName, String(o.overdue)]),
    );
  }

  doc.moveDown(0.6);
  labelled(pdf, 'Bijeenkomsten gehouden in de verslagperiode', String(figures.sessionsHeld));

  if (figures.indicators.length) {
    // Keep the heading with its first chart.
    doc.moveDown(0.6);
    ensureSpace(doc, 110);
    heading(pdf, 3, 'Indicatoren: laatste meting tegen het doel', 12, 0);
    for (const indicator of figures.indicators) indicatorChart(pdf, indicator, figures);
  }
}

/** A simple table with its caption; the last row is bold when it is a total. */
function table({ doc, tags }: Pdf, caption: string, header: string[], fractions: number[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const widths = fractions.map((f) => f * width);
  const rowHeight = (cells: string[]) =>
    Math.max(...cells.map((c, i) => doc.heightOfString(printable(c), { width: widths[i] - 8 }))) + 8;
  ensureSpace(doc, 60);
  tags.group('Table', () => {
    tags.leaf('Caption', () =>
      doc.font(BOLD).fontSize(10.5).fillColor(INK).text(printable(caption), left, doc.y, { width }),
    );
    doc.moveDown(0.2);
    const draw = (cells: string[], kind: 'header' | 'total' | 'body') => {
      doc.font(kind === 'body' ? FONT : BOLD).fontSize(9.5);
      const height = rowHeight(cells);
      ensureSpace(doc, height);
      const y = doc.y;
      if (kind === 'header') tags.artifact(() => doc.rect(left, y, width, height).fill('#e8eef5'));
      doc.fillColor(INK);
      tags.group('TR', () => {
        let x = left;
        cells.forEach((cell, i) => {
          const cellX = x;
          tags.leaf(
            kind === 'header' ? 'TH' : i === 0 ? 'TH' : 'TD',
            () =>
              doc
                .font(kind === 'body' ? FONT : BOLD)
                .fontSize(9.5)
                .fillColor(INK)
                .text(printable(cell), cellX + 4, y + 4, { width: widths[i] - 8, align: i === 0 ? 'left' : 'right' }),
            kind === 'header' ? { scope: 'Column' } : i === 0 ? { scope: 'Row' } : {},
          );
          x += widths[i];
        });
      });
      tags.artifact(() =>
        doc
          .moveTo(left, y + height)
          .lineTo(left + width, y + height)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke(),
      );
      doc.y = y + height;
    };
    tags.group('THead', () => draw(header, 'header'));
    tags.group('TBody', () =>
      rows.forEach((cells, i) => draw(cells, cells[0] === 'Totaal' && i === rows.length - 1 ? 'total' : 'body')),
    );
  });
  doc.x = left;
}

/** Two horizontal bars (latest value and target, and the baseline when known) on one scale, values beside them. */
function indicatorChart(
  { doc, tags }: Pdf,
  indicator: ReportFigures['indicators'][number],
  figures: ReportFigures,
): void {
  const left = doc.page.margins.left;
  const labelWidth = 110;
  const valueWidth = 90;
  const barMax = contentWidth(doc) - labelWidth - valueWidth - 8;
  const bars = [
    { label: 'Nulmeting', value: indicator.baseline, colour: '#8c8c8c' },
    { label: 'Laatste meting', value: indicator.latestValue, colour: ACCENT },
    { label: 'Doel', value: indicator.target, colour: '#1e6b33' },
  ];
  const scale = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const verdict =
    INDICATOR_VERDICT_LABELS[
      indicatorVerdict(indicator.targetReached, figures.referenceDate, figures.period.end)
    ].toLowerCase();
  const direction = indicator.direction === 'hoger_is_beter' ? 'hoger is beter' : 'lager is beter';
  doc.font(BOLD).fontSize(10);
  const titleHeight = doc.heightOfString(printable(indicator.title), { width: contentWidth(doc) });
  ensureSpace(doc, titleHeight + 18 + bars.length * 16 + 10);
  tags.leaf('H4', () =>
    doc
      .font(BOLD)
      .fontSize(10)
      .fillColor(INK)
      .text(printable(indicator.title), left, doc.y, { width: contentWidth(doc) }),
  );
  const measured = indicator.latestMeasuredOn
    ? `gemeten op ${longDate(indicator.latestMeasuredOn)}`
    : 'nog niet gemeten';
  tags.leaf('P', () =>
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor(MUTED)
      .text(`${direction}; ${measured}; ${verdict}`, left, doc.y, { width: contentWidth(doc) }),
  );
  const alt = `Staafdiagram ${indicator.title}: ${bars
    .map((bar) => `${bar.label} ${withUnit(bar.value, indicator.unit)}`)
    .join(', ')}; ${verdict}.`;
  let y = doc.y + 4;
  tags.figure(alt, () => {
    doc.fontSize(9);
    for (const bar of bars) {
      doc
        .font(FONT)
        .fillColor(INK)
        .text(bar.label, left, y + 1, { width: labelWidth - 6, align: 'right' });
      const length = bar.value === null ? 0 : Math.max(1, (bar.value / scale) * barMax);
      if (length > 0) doc.rect(left + labelWidth, y, length, 11).fill(bar.colour);
      else
        doc
          .rect(left + labelWidth, y, barMax, 11)
          .lineWidth(0.5)
          .dash(2, { space: 2 })
          .strokeColor(RULE)
          .stroke()
          .undash();
      doc.fillColor(INK).text(withUnit(bar.value, indicator.unit), left + labelWidth + length + 6, y + 1, {
        width: valueWidth,
        lineBreak: false,
      });
      y += 16;
    }
  });
  doc.y = y + 6;
  doc.x = left;
}

/** "Pagina n van m" and the cycle on every page, written once all pages exist (page furniture: artifacts). */
function footers({ doc, tags }: Pdf, bundle: RvcBundle): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 8;
    const width = contentWidth(doc);
    tags.artifact(() => {
      doc
        .moveTo(doc.page.margins.left, y - 6)
        .lineTo(doc.page.margins.left + width, y - 6)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.font(FONT).fontSize(8.5).fillColor(MUTED);
      doc.text(printable(`${board(bundle)}-bundel ${bundle.cycle.title}`), doc.page.margins.left, y, {
        width: width * 0.7,
        lineBreak: false,
      });
      doc.text(`Pagina ${i - range.start + 1} van ${range.count}`, doc.page.margins.left + width * 0.7, y, {
        width: width * 0.3,
        align: 'right',
        lineBreak: false,
      });
    }, 'Pagination');
    doc.page.margins.bottom = savedBottom;
  }
  doc.fillColor(INK);
}
