import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { create } from 'xmlbuilder2';
import { ZipFile } from 'yazl';

/** One file in the dossier, with what the manifest says about it (MDTO elements where they fit). */
export interface DossierItem {
  path: string;
  data: Buffer;
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

/** The manifest: the dossier described with MDTO element names, and every file with its SHA-256. */
export function manifest(description: DossierDescription, items: DossierItem[]) {
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
      omvang: item.data.length,
      datum: item.date ?? null,
      checksum: {
        checksumAlgoritme: 'SHA-256',
        checksumWaarde: sha256(item.data),
        checksumDatum: description.createdAt,
      },
      ...(item.recordHash ? { inhoudshashKoers: item.recordHash } : {}),
    })),
  };
}

function manifestXml(value: ReturnType<typeof manifest>): string {
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
 * Writes the ZIP with yazl (streams; small and well kept): the items, then `manifest.json` and
 * `manifest.xml`. Returns the bytes and their SHA-256.
 */
export function writeDossierZip(
  description: DossierDescription,
  items: DossierItem[],
): Promise<{ data: Buffer; sha256: string }> {
  const zip = new ZipFile();
  const mtime = new Date(description.createdAt);
  for (const item of items) zip.addBuffer(item.data, item.path, { mtime });
  const described = manifest(description, items);
  zip.addBuffer(Buffer.from(JSON.stringify(described, null, 2)), 'manifest.json', { mtime });
  zip.addBuffer(Buffer.from(manifestXml(described)), 'manifest.xml', { mtime });
  zip.end();
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      chunks.push(chunk);
    });
    zip.outputStream.on('end', () => resolve({ data: Buffer.concat(chunks), sha256: hash.digest('hex') }));
    zip.outputStream.on('error', reject);
  });
}
