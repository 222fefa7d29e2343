import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';

/** What a test checks of an archival, accessible PDF, read with pdf-lib (not the library that wrote it). */
export interface PdfInspection {
  version: string;
  title: string | null;
  displayDocTitle: boolean;
  lang: string | null;
  marked: boolean;
  hasStructTree: boolean;
  /** Every structure type in the tree, in reading order (depth first). */
  structTypes: string[];
  /** Alternative texts of Figure elements. */
  figureAlts: string[];
  xmp: string;
  pdfaPart: string | null;
  pdfaConformance: string | null;
  outputIntent: { subtype: string | null; hasProfile: boolean } | null;
  fonts: Array<{ name: string; embedded: boolean }>;
}

const text = (value: PDFObject | undefined): string | null =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;

export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const context = pdf.context;
  const resolve = <T extends PDFObject>(value: PDFObject | undefined): T | undefined =>
    (value instanceof PDFRef ? context.lookup(value) : value) as T | undefined;
  const catalog = pdf.catalog;

  const markInfo = resolve<PDFDict>(catalog.get(PDFName.of('MarkInfo')));
  const marked = markInfo?.get(PDFName.of('Marked'))?.toString() === 'true';
  const viewer = resolve<PDFDict>(catalog.get(PDFName.of('ViewerPreferences')));
  const structRoot = resolve<PDFDict>(catalog.get(PDFName.of('StructTreeRoot')));

  const structTypes: string[] = [];
  const figureAlts: string[] = [];
  const walk = (node: PDFObject | undefined, depth: number) => {
    const value = resolve(node);
    if (depth > 200 || !value) return;
    if (value instanceof PDFArray) return value.asArray().forEach((child) => walk(child, depth + 1));
    if (!(value instanceof PDFDict)) return;
    const type = resolve<PDFName>(value.get(PDFName.of('S')));
    if (type) {
      const name = type.decodeText();
      structTypes.push(name);
      if (name === 'Figure') figureAlts.push(text(resolve(value.get(PDFName.of('Alt')))) ?? '');
    }
    walk(value.get(PDFName.of('K')), depth + 1);
  };
  if (structRoot) walk(structRoot.get(PDFName.of('K')), 0);

  const metadata = resolve<PDFStream>(catalog.get(PDFName.of('Metadata')));
  const xmp =
    metadata instanceof PDFRawStream
      ? Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8')
      : metadata
        ? Buffer.from(metadata.getContents()).toString('utf8')
        : '';
  const xmpValue = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xmp)?.[1] ?? null;

  const intents = resolve<PDFArray>(catalog.get(PDFName.of('OutputIntents')));
  const intent = intents ? resolve<PDFDict>(intents.get(0)) : undefined;

  const fonts = new Map<string, boolean>();
  for (const page of pdf.getPages()) {
    const resources = resolve<PDFDict>(page.node.get(PDFName.of('Resources')));
    const fontDict = resolve<PDFDict>(resources?.get(PDFName.of('Font')));
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = resolve<PDFDict>(ref);
      if (!font) continue;
      const base = resolve<PDFName>(font.get(PDFName.of('BaseFont')))?.decodeText() ?? '?';
      // A composite (Type0) font keeps its descriptor on the descendant font.
      const descendants = resolve<PDFArray>(font.get(PDFName.of('DescendantFonts')));
      const described = descendants ? resolve<PDFDict>(descendants.get(0)) : font;
      const descriptor = resolve<PDFDict>(described?.get(PDFName.of('FontDescriptor')));
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
      fonts.set(base, embedded);
    }
  }

  const header = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  return {
    version: /%PDF-(\d\.\d)/.exec(header)?.[1] ?? '?',
    title: pdf.getTitle() ?? null,
    displayDocTitle: viewer?.get(PDFName.of('DisplayDocTitle'))?.toString() === 'true',
    lang: text(resolve(catalog.get(PDFName.of('Lang')))),
    marked,
    hasStructTree: !!structRoot,
    structTypes,
    figureAlts,
    xmp,
    pdfaPart: xmpValue('pdfaid:part'),
    pdfaConformance: xmpValue('pdfaid:conformance'),
    outputIntent: intent
      ? {
          subtype: resolve<PDFName>(intent.get(PDFName.of('S')))?.decodeText() ?? null,
          hasProfile: !!intent.get(PDFName.of('DestOutputProfile')),
        }
      : null,
    fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })),
  };
}
