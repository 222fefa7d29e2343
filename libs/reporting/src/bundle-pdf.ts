import * as path from 'node:path';
import PDFDocument from 'pdfkit';
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
 */

const MARGIN = 56;
const FOOTER_HEIGHT = 28;
/**
 * DejaVu (embedded, subset): names and places in this region are not all in WinAnsi, the only character set
 * of PDF's standard fonts (Şahin, Łódź, Ğ, ...). The fonts come with the dejavu-fonts-ttf package.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = 'body';
const BOLD = 'body-bold';
const MONO = 'mono';
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

/** Text as the PDF shows it: composed (NFC), tabs as spaces, no other control characters. */
function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
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
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: printable(`${board(bundle)}-bundel ${bundle.cycle.title}`),
      Author: 'Koers',
      Subject: printable(bundle.strategy.name),
    },
    lang: 'nl-NL',
    displayTitle: true,
  });
  doc.registerFont(FONT, path.join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont(BOLD, path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  doc.registerFont(MONO, path.join(FONT_DIR, 'DejaVuSansMono.ttf'));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fillColor(INK);
  cover(doc, bundle);
  doc.addPage();
  summaryMatrix(doc, bundle);
  for (const workgroup of bundle.workgroups) {
    doc.addPage();
    workgroupSection(doc, workgroup, bundle.words);
  }
  footers(doc, bundle);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when fewer than `height` points are left on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string, size: number, gapBefore = 0.6): void {
  doc.moveDown(gapBefore);
  ensureSpace(doc, size * 3);
  doc
    .font(BOLD)
    .fontSize(size)
    .fillColor(ACCENT)
    .text(printable(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.fillColor(INK).moveDown(0.3);
}

function paragraph(doc: Doc, text: string, options: { size?: number; colour?: string; font?: string } = {}): void {
  doc
    .font(options.font ?? FONT)
    .fontSize(options.size ?? 10.5)
    .fillColor(options.colour ?? INK);
  doc.text(printable(text), doc.page.margins.left, doc.y, { width: contentWidth(doc), lineGap: 2 });
  doc.fillColor(INK);
}

function labelled(doc: Doc, label: string, value: string): void {
  doc
    .font(BOLD)
    .fontSize(10.5)
    .fillColor(INK)
    .text(`${printable(label)}: `, doc.page.margins.left, doc.y, { continued: true, width: contentWidth(doc) });
  doc.font(FONT).text(printable(value), { lineGap: 2 });
}

function cover(doc: Doc, bundle: RvcBundle): void {
  const accepted = bundle.workgroups.filter((w) => w.report).length;
  doc.rect(0, 0, doc.page.width, 12).fill(ACCENT).fillColor(INK);
  doc.y = 150;
  paragraph(doc, bundle.strategy.name, { size: 13, colour: MUTED });
  doc.moveDown(0.6);
  doc
    .font(BOLD)
    .fontSize(26)
    .fillColor(ACCENT)
    .text('Bundel voortgangsrapportages', { width: contentWidth(doc) });
  doc
    .font(FONT)
    .fontSize(16)
    .fillColor(INK)
    .text(printable(`voor het ${bundle.words.boardName}${abbreviated(bundle)}`), { width: contentWidth(doc) });
  doc.moveDown(1.5);
  doc
    .font(BOLD)
    .fontSize(15)
    .text(printable(bundle.cycle.title), { width: contentWidth(doc) });
  doc.moveDown(0.8);
  labelled(doc, `Vergadering ${board(bundle)}`, longDate(bundle.cycle.meetingDate));
  labelled(
    doc,
    'Verslagperiode',
    `${longDate(bundle.cycle.periodStart)} tot en met ${longDate(bundle.cycle.periodEnd)}`,
  );
  labelled(doc, 'Deadline rapportages', longDate(bundle.cycle.reportDeadline));
  labelled(doc, 'Geaccepteerde rapportages', `${accepted} van ${bundle.workgroups.length} werkgroepen`);
  labelled(doc, 'Samengesteld op', dateTime(bundle.generatedAt));
  doc.moveDown(2);
  heading(doc, 'Inhoud', 13, 0);
  paragraph(doc, '1. Overzicht: status per werkgroep en onderdeel');
  bundle.workgroups.forEach((w, i) =>
    paragraph(doc, `${i + 2}. ${w.name}${w.report ? '' : ' (geen geaccepteerde rapportage)'}`),
  );
  doc.moveDown(2);
  paragraph(
    doc,
    'Deze bundel bevat per werkgroep de door het secretariaat geaccepteerde versie van de voortgangsrapportage. ' +
      'Elke versie is bij indienen bevroren; de inhoudshash (SHA-256) onder elke rapportage maakt controle op latere wijziging mogelijk.',
    { size: 9.5, colour: MUTED },
  );
}

/** Werkgroepen (rows) by their focus areas, with the status written out and a coloured marker beside it. */
function summaryMatrix(doc: Doc, bundle: RvcBundle): void {
  heading(doc, '1. Overzicht: status per werkgroep en onderdeel', 16, 0);
  paragraph(doc, 'Status volgens de geaccepteerde rapportage van deze cyclus.', { size: 9.5, colour: MUTED });
  doc.moveDown(0.5);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const columns = [width * 0.34, width * 0.42, width * 0.24];
  const header = ['Werkgroep', 'Onderdeel', 'Status'];
  const drawHeader = () => {
    const y = doc.y;
    doc.rect(left, y, width, 20).fill('#e8eef5');
    doc.font(BOLD).fontSize(10).fillColor(INK);
    let x = left;
    header.forEach((h, i) => {
      doc.text(h, x + 4, y + 5, { width: columns[i] - 8 });
      x += columns[i];
    });
    doc.y = y + 20;
  };
  drawHeader();
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
        drawHeader();
      }
      const y = doc.y;
      if (index === 0)
        doc
          .moveTo(left, y)
          .lineTo(left + width, y)
          .lineWidth(0.8)
          .strokeColor(RULE)
          .stroke();
      if (index === 0)
        doc
          .font(BOLD)
          .fillColor(INK)
          .text(printable(w.name), left + 4, y + 4, { width: columns[0] - 8 });
      doc
        .font(FONT)
        .fillColor(INK)
        .text(printable(row.title), left + columns[0] + 4, y + 4, { width: columns[1] - 8 });
      const statusX = left + columns[0] + columns[1] + 4;
      if (row.colour) doc.rect(statusX, y + 6, 8, 8).fill(row.colour);
      doc.fillColor(INK).text(row.status, statusX + (row.colour ? 12 : 0), y + 4, { width: columns[2] - 20 });
      doc.y = y + height;
    });
  }
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.x = left;
}

function workgroupSection(doc: Doc, w: RvcBundleWorkgroup, words: BundleWords): void {
  const theme = words.themeSingular.charAt(0).toUpperCase() + words.themeSingular.slice(1);
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor(MUTED)
    .text(printable(`${theme}: ${w.priorityTitle}`), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  heading(doc, w.name, 18, 0.1);
  const report = w.report;
  if (!report) {
    paragraph(doc, 'Voor deze werkgroep is in deze cyclus (nog) geen rapportage door het secretariaat geaccepteerd.');
    return;
  }
  labelled(doc, 'Versie', String(report.version));
  labelled(doc, 'Ingediend', `${dateTime(report.submittedAt)} door ${report.submittedByName ?? 'onbekend'}`);
  labelled(doc, 'Geaccepteerd', `${dateTime(report.acceptedAt)} door ${report.acceptedByName ?? 'onbekend'}`);

  heading(doc, 'Samenvatting', 13);
  paragraph(doc, report.content.summary || '(geen samenvatting)');

  heading(doc, 'Voortgang per onderdeel', 13);
  for (const f of report.content.focusAreas) {
    ensureSpace(doc, 40);
    doc
      .font(BOLD)
      .fontSize(10.5)
      .fillColor(INK)
      .text(printable(f.title), doc.page.margins.left, doc.y, { width: contentWidth(doc), continued: true });
    doc
      .font(FONT)
      .fillColor(STATUS_COLOURS[f.status] ?? INK)
      .text(`  Status: ${FOCUS_AREA_STATUS_LABELS[f.status] ?? f.status}`);
    doc.fillColor(INK);
    if (f.narrative.trim()) paragraph(doc, f.narrative);
    doc.moveDown(0.4);
  }

  const narrative = report.content.narrative ? narrativeBlocks(report.content.narrative) : [];
  if (narrative.length) {
    heading(doc, 'Toelichting van de werkgroep', 13);
    for (const block of narrative) {
      if (block.heading) ensureSpace(doc, 40);
      paragraph(doc, block.text, block.heading ? { font: BOLD, size: 11 } : {});
      doc.moveDown(0.3);
    }
  }

  figures(doc, report.figures);

  // The hash block stays together with its heading.
  doc.moveDown(0.6);
  ensureSpace(doc, 70);
  heading(doc, 'Verantwoording', 13, 0);
  paragraph(doc, `Inhoudshash (SHA-256) van versie ${report.version}:`, { size: 9.5, colour: MUTED });
  paragraph(doc, report.contentHash, { size: 9, font: MONO });
  paragraph(
    doc,
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

function figures(doc: Doc, figures: ReportFigures): void {
  heading(doc, 'Cijfers', 13);
  paragraph(
    doc,
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
  table(doc, 'Acties per onderdeel', ['Onderdeel', 'Afgerond', 'Open', 'Te laat'], [0.55, 0.15, 0.15, 0.15], rows);

  if (figures.actions.overdueByOrganisation.length) {
    doc.moveDown(0.6);
    table(
      doc,
      'Te late acties per eigenaar',
      ['Organisatie', 'Te laat'],
      [0.8, 0.2],
      figures.actions.overdueByOrganisation.map((o) => [o.organisationName, String(o.overdue)]),
    );
  }

  doc.moveDown(0.6);
  labelled(doc, 'Bijeenkomsten gehouden in de verslagperiode', String(figures.sessionsHeld));

  if (figures.indicators.length) {
    // Keep the heading with its first chart.
    doc.moveDown(0.6);
    ensureSpace(doc, 110);
    heading(doc, 'Indicatoren: laatste meting tegen het doel', 12, 0);
    for (const indicator of figures.indicators) indicatorChart(doc, indicator);
  }
}

/** A simple table; the last row is bold when it is a total. */
function table(doc: Doc, caption: string, header: string[], fractions: number[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const widths = fractions.map((f) => f * width);
  const rowHeight = (cells: string[]) =>
    Math.max(...cells.map((c, i) => doc.heightOfString(printable(c), { width: widths[i] - 8 }))) + 8;
  ensureSpace(doc, 60);
  doc.font(BOLD).fontSize(10.5).fillColor(INK).text(printable(caption), left, doc.y, { width });
  doc.moveDown(0.2);
  const draw = (cells: string[], bold: boolean, shaded: boolean) => {
    doc.font(bold ? BOLD : FONT).fontSize(9.5);
    const height = rowHeight(cells);
    ensureSpace(doc, height);
    const y = doc.y;
    if (shaded) doc.rect(left, y, width, height).fill('#e8eef5');
    doc.fillColor(INK);
    let x = left;
    cells.forEach((cell, i) => {
      doc.text(printable(cell), x + 4, y + 4, { width: widths[i] - 8, align: i === 0 ? 'left' : 'right' });
      x += widths[i];
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + height;
  };
  draw(header, true, true);
  rows.forEach((cells, i) => draw(cells, cells[0] === 'Totaal' && i === rows.length - 1, false));
  doc.x = left;
}

/** Two horizontal bars (latest value and target, and the baseline when known) on one scale, values beside them. */
function indicatorChart(doc: Doc, indicator: ReportFigures['indicators'][number]): void {
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
    indicator.targetReached === null
      ? 'doel of meting ontbreekt'
      : indicator.targetReached
        ? 'doel behaald'
        : 'doel nog niet behaald';
  const direction = indicator.direction === 'hoger_is_beter' ? 'hoger is beter' : 'lager is beter';
  doc.font(BOLD).fontSize(10);
  const titleHeight = doc.heightOfString(printable(indicator.title), { width: contentWidth(doc) });
  ensureSpace(doc, titleHeight + 18 + bars.length * 16 + 10);
  doc.fillColor(INK).text(printable(indicator.title), left, doc.y, { width: contentWidth(doc) });
  const measured = indicator.latestMeasuredOn
    ? `gemeten op ${longDate(indicator.latestMeasuredOn)}`
    : 'nog niet gemeten';
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(MUTED)
    .text(`${direction}; ${measured}; ${verdict}`, left, doc.y, { width: contentWidth(doc) });
  let y = doc.y + 4;
  doc.fontSize(9);
  for (const bar of bars) {
    doc.fillColor(INK).text(bar.label, left, y + 1, { width: labelWidth - 6, align: 'right' });
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
  doc.y = y + 6;
  doc.x = left;
}

/** "Pagina n van m" and the cycle on every page, written once all pages exist. */
function footers(doc: Doc, bundle: RvcBundle): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 8;
    const width = contentWidth(doc);
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
    doc.page.margins.bottom = savedBottom;
  }
  doc.fillColor(INK);
}
