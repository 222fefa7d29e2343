import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { ZipFile } from 'yazl';

/** One file in the dossier, with what the manifest says about it (MDTO elements where they fit). */
export interface DossierItem {
  path: string;
  /** The bytes: small records as a buffer, attachments streamed from the file store. */
  data: Buffer | Readable;
  /** MDTO identificatieKenmerk: the record's id in Koers. */
  id: string;
  /** MDTO naam. */
  name: string;
  /** What kind of record: document, bijlage, acties, besluiten, bijeenkomsten, rapportages, audit, werkgroep. */
  category: string;
  mediaType: string;
  /** MDTO dekkingInTijd / a date of the record, ISO. */
  date?: string | null;
  /** A hash Koers already keeps for the record (a frozen report version): repeated so it can be compared. */
  recordHash?: string;
}

export interface DossierDescription {
  dossierId: string;
  workgroupId: string;
  workgroupName: string;
  priorityTitle: string;
  strategyName: string;
  createdAt: string;
  createdBy: string;
  coverage: { begin: string | null; end: string | null };
  involved: Array<{ naam: string; rol: string; organisatie: string | null }>;
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** CSV as Dutch spreadsheets read it (`;`, UTF-8 with BOM); a cell starting a formula gets a leading quote. */
export function toCsv(columns: string[], rows: Array<Record<string, unknown>>): Buffer {
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return '';
    const text =
      value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return Buffer.from(
    stringify(
      rows.map((row) => columns.map((c) => cell(row[c]))),
      { header: true, columns, delimiter: ';', bom: true, quoted_string: true, record_delimiter: 'windows' },
    ),
  );
}

/** An item as written: its size and SHA-256, measured while it went into the ZIP. */
export type WrittenItem = Omit<DossierItem, 'data'> & { sizeBytes: number; sha256: string };

/** The manifest: the dossier described with MDTO element names, and every file with its SHA-256. */
export function manifest(description: DossierDescription, items: WrittenItem[]) {
  return {
    toelichting:
      'Dossier van een werkgroep uit Koers. Elementnamen volgen MDTO (Metagegevens voor duurzaam toegankelijke overheidsinformatie) waar ze passen.',
    identificatie: { identificatieKenmerk: description.dossierId, identificatieBron: 'Koers' },
    naam: `Dossier ${description.workgroupName}`,
    aggregatieniveau: 'Dossier',
    classificatie: {
      begripLabel: description.priorityTitle,
      begripBegrippenlijst: description.strategyName,
    },
    dekkingInTijd: {
      dekkingInTijdType: 'Looptijd',
      dekkingInTijdBegindatum: description.coverage.begin,
      dekkingInTijdEinddatum: description.coverage.end,
    },
    event: {
      eventType: 'Export',
      eventTijd: description.createdAt,
      eventVerantwoordelijkeActor: description.createdBy,
    },
    betrokkene: description.involved.map((b) => ({
      betrokkeneTypeRelatie: b.rol,
      betrokkeneActor: b.naam,
      organisatie: b.organisatie,
    })),
    werkgroep: { identificatieKenmerk: description.workgroupId, naam: description.workgroupName },
    bestanden: items.map((item) => ({
      pad: item.path,
      identificatieKenmerk: item.id,
      naam: item.name,
      categorie: item.category,
      bestandsformaat: item.mediaType,
      omvang: item.sizeBytes,
      datum: item.date ?? null,
      checksum: {
        checksumAlgoritme: 'SHA-256',
        checksumWaarde: item.sha256,
        checksumDatum: description.createdAt,
      },
      ...(item.recordHash ? { inhoudshashKoers: item.recordHash } : {}),
    })),
  };
}

async function manifestXml(value: ReturnType<typeof manifest>): Promise<string> {
  // Loaded here, not at start: xmlbuilder2 and its DOM are ~0.9 MB of code an idle server does not need.
  const { create } = await import('xmlbuilder2');
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('dossierManifest', { taal: 'nl' });
  const add = (parent: ReturnType<typeof root.ele>, name: string, v: unknown) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) return v.forEach((entry) => add(parent, name, entry));
    if (typeof v === 'object') {
      const element = parent.ele(name);
      for (const [key, child] of Object.entries(v as Record<string, unknown>)) add(element, key, child);
      return;
    }
    parent.ele(name).txt(String(v));
  };
  for (const [key, child] of Object.entries(value)) {
    if (key === 'bestanden') {
      const files = root.ele('bestanden');
      for (const file of child as unknown[]) add(files, 'bestand', file);
    } else if (key === 'betrokkene') (child as unknown[]).forEach((b) => add(root, 'betrokkene', b));
    else add(root, key, child);
  }
  return root.end({ prettyPrint: true });
}

/**
 * Writes the ZIP with yazl, streaming: the items one at a time as `items` yields them (each measured and
 * hashed on its way in), then `manifest.json` and `manifest.xml`; the ZIP's bytes go to `sink` as they are
 * made, with backpressure, so neither an item nor the ZIP is ever whole in memory (beyond a small record or one
 * document's PDF). Returns the ZIP's size and SHA-256.
 */
export async function writeDossierZip(
  description: DossierDescription,
  items: AsyncIterable<DossierItem>,
  sink: (piece: Buffer) => Promise<void>,
): Promise<{ sizeBytes: number; sha256: string; items: number }> {
  const zip = new ZipFile();
  const mtime = new Date(description.createdAt);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const output = zip.outputStream as Readable;
  const pump = (async () => {
    for await (const piece of output) {
      const chunk = piece as Buffer;
      hash.update(chunk);
      sizeBytes += chunk.length;
      await sink(chunk);
    }
  })();
  const written: WrittenItem[] = [];
  try {
    for await (const item of items) {
      const { data, ...described } = item;
      const itemHash = createHash('sha256');
      let itemSize = 0;
      const measured = new Transform({
        transform(piece: Buffer, _encoding, callback) {
          itemHash.update(piece);
          itemSize += piece.length;
          callback(null, piece);
        },
      });
      const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
      source.on('error', (err) => measured.destroy(err));
      source.pipe(measured);
      zip.addReadStream(measured, item.path, { mtime });
      // yazl reads the entries in order: once this one is read, the next may be made.
      await Promise.race([finished(measured), pump]);
      written.push({ ...described, sizeBytes: itemSize, sha256: itemHash.digest('hex') });
    }
    const described = manifest(description, written);
    zip.addBuffer(Buffer.from(JSON.stringify(described, null, 2)), 'manifest.json', { mtime });
    zip.addBuffer(Buffer.from(await manifestXml(described)), 'manifest.xml', { mtime });
    zip.end();
    await pump;
  } catch (err) {
    output.destroy(err as Error);
    await pump.catch(() => undefined);
    throw err;
  }
  return { sizeBytes, sha256: hash.digest('hex'), items: written.length };
}
