import * as path from 'node:path';
import type PDFKitDocument from 'pdfkit';

/**
 * Every PDF Koers makes is an archival, accessible PDF: PDF/A-2a (pdfkit writes the XMP metadata with the
 * PDF/A identification and an sRGB output intent; DejaVu fonts are embedded, no standard font is ever used),
 * tagged (a structure tree in reading order: headings, paragraphs, lists, tables, figures with alternative
 * text; decoration and page furniture marked as artifacts), with a title shown in the window and Dutch as the
 * language. Renderers draw through `Tags`, which keeps the structure tree and the marked content in step.
 */

/**
 * DejaVu (embedded, subset): names and places in this region are not all in WinAnsi, the only character set
 * of PDF's standard fonts (Şahin, Łódź, Ğ, ...). The fonts come with the dejavu-fonts-ttf package.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const PDF_FONTS = { body: 'body', bold: 'body-bold', italic: 'body-italic', mono: 'mono' } as const;

export interface ArchivalPdfOptions {
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  margins: { top: number; bottom: number; left: number; right: number };
}

export interface ArchivalPdf {
  doc: PDFKit.PDFDocument;
  tags: Tags;
  /** Ends the document (closing the structure tree) and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

/** Text as a PDF shows it: composed (NFC), tabs as spaces, no other control characters. */
export function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * pdfkit (with fontkit and its decoders, ~2 MB of code) is loaded at the first PDF, not at start: an idle
 * server stays small (docs/benchmarks.md, "npm start").
 */
let pdfkit: typeof PDFKitDocument | undefined;
function PDFDocument(): typeof PDFKitDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('pdfkit') as typeof PDFKitDocument & { __esModule?: boolean; default?: typeof PDFKitDocument };
  // The same interop as a default import: pdfkit's CommonJS build exports the class itself.
  pdfkit ??= loaded.__esModule && loaded.default ? loaded.default : loaded;
  return pdfkit;
}

export function createArchivalPdf(options: ArchivalPdfOptions): ArchivalPdf {
  const doc = new (PDFDocument())({
    size: 'A4',
    margins: options.margins,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    // The default would be Helvetica, a standard font that PDF/A does not allow unembedded.
    font: path.join(FONT_DIR, 'DejaVuSans.ttf'),
    info: {
      Title: printable(options.title),
      Author: printable(options.author ?? 'Koers'),
      Creator: 'Koers',
      // pdfkit writes every key it is given: absent ones must be left out, not undefined.
      ...(options.subject ? { Subject: printable(options.subject) } : {}),
      ...(options.keywords ? { Keywords: printable(options.keywords) } : {}),
    },
  });
  doc.registerFont(PDF_FONTS.body, path.join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont(PDF_FONTS.bold, path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  doc.registerFont(PDF_FONTS.italic, path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'));
  doc.registerFont(PDF_FONTS.mono, path.join(FONT_DIR, 'DejaVuSansMono.ttf'));
  doc.font(PDF_FONTS.body);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const tags = new Tags(doc, root);
  return {
    doc,
    tags,
    finish() {
      tags.close();
      doc.end();
      return done;
    },
  };
}

export type LeafType =
  'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'Lbl' | 'LBody' | 'TH' | 'TD' | 'Caption' | 'Code';
export type GroupType =
  'Sect' | 'Div' | 'L' | 'LI' | 'LBody' | 'Table' | 'THead' | 'TBody' | 'TR' | 'BlockQuote' | 'TOC' | 'TOCI';

/**
 * The structure tree under construction: groups (sections, lists, tables, rows) nest, leaves hold the marked
 * content their drawing produces. Artifacts (rules, backgrounds, footers) must be drawn outside a leaf.
 */
export class Tags {
  private readonly stack: PDFKit.PDFStructureElement[];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    root: PDFKit.PDFStructureElement,
  ) {
    this.stack = [root];
  }

  private get parent(): PDFKit.PDFStructureElement {
    return this.stack[this.stack.length - 1];
  }

  /** A structure element whose content is whatever `draw` puts on the page (text may run onto a new page). */
  leaf(type: LeafType, draw: () => void, options: { scope?: 'Row' | 'Column' } = {}): void {
    const element = this.doc.struct(type, options as object, [draw]);
    this.parent.add(element);
  }

  /** A figure (a chart) with its alternative text: what a screen reader says instead of the drawing. */
  figure(alt: string, draw: () => void): void {
    const element = this.doc.struct('Figure', { alt: printable(alt) }, [draw]);
    this.parent.add(element);
  }

  group(type: GroupType, build: () => void): void {
    const element = this.doc.struct(type);
    this.parent.add(element);
    this.stack.push(element);
    try {
      build();
    } finally {
      this.stack.pop();
      element.end();
    }
  }

  /** Drawing that carries no content (rules, backgrounds, page numbers): skipped by assistive technology. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type } as PDFKit.Mixins.MarkingOptions);
    draw();
    this.doc.endMarkedContent();
  }

  close(): void {
    while (this.stack.length) (this.stack.pop() as PDFKit.PDFStructureElement).end();
  }
}
