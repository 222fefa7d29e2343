import { createHash } from 'node:crypto';
import { FILE_KINDS, FileKind } from '@koers/contracts';
import { DomainError, ErrorCode, validationFailed } from '@koers/core';
import { ClamavScan, ScannerUnavailableError } from './clamav-scanner';
import { detectType, SNIFF_BYTES } from './content-type';
import type { FileStore } from './file-store';

/** The content of one upload as stored: where, what it is, how large, its checksum. */
export interface StoredContent {
  store: string;
  storageKey: string;
  kind: FileKind;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface IntakeOptions {
  /** The sanitised name (only to tell CSV from plain text, and to refuse a name that lies about its type). */
  name: string;
  maxBytes: number;
  store: FileStore;
  /** A fresh clamd scan, when scanning is configured. */
  scan?: () => ClamavScan;
}

export const tooLarge = (maxBytes: number) =>
  new DomainError(
    ErrorCode.PayloadTooLarge,
    `Het bestand is te groot: de grens is ${formatBytes(maxBytes)}. Verklein het of deel het op.`,
  );

const ALLOWED =
  'PDF, Word, Excel en PowerPoint (docx, xlsx, pptx), OpenDocument (odt, ods, odp), PNG, JPEG, GIF, WebP, CSV en platte tekst';
const notAllowed = () =>
  new DomainError(
    ErrorCode.UnsupportedMediaType,
    `Dit soort bestand kan Koers niet bewaren. Toegestaan zijn: ${ALLOWED}.`,
  );

/** Extensions that name one kind; a name with one of these must hold that kind of content. */
const KIND_OF_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  odt: 'odt',
  ods: 'ods',
  odp: 'odp',
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
};

/**
 * Takes in one upload as it streams: the first SNIFF_BYTES decide the kind (before anything is stored),
 * then every piece goes to the store, the SHA-256 and the virus scanner in turn, never more than a store
 * chunk held at once. Past `maxBytes` it stops with 413; on any refusal the bytes written so far are removed.
 */
export async function takeIn(source: AsyncIterable<Buffer>, options: IntakeOptions): Promise<StoredContent> {
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer[] = [];
  let headBytes = 0;
  let type: { kind: FileKind; mediaType: string } | null = null;
  let writer: Awaited<ReturnType<FileStore['create']>> | null = null;
  let scan: ClamavScan | null = null;

  const forward = async (piece: Buffer) => {
    hash.update(piece);
    await writer!.write(piece);
    if (scan) await scan.write(piece);
  };
  const decide = async () => {
    const first = Buffer.concat(head, headBytes);
    head = [];
    type = await detectType(first, options.name);
    if (!type) throw notAllowed();
    const claimed = KIND_OF_EXTENSION[/\.([a-z0-9]+)$/i.exec(options.name)?.[1].toLowerCase() ?? ''];
    if (claimed && claimed !== type.kind)
      throw new DomainError(
        ErrorCode.UnsupportedMediaType,
        `De naam zegt ${FILE_KINDS[claimed]}, maar de inhoud is ${FILE_KINDS[type.kind]}. Geef het bestand de juiste naam.`,
      );
    writer = await options.store.create();
    scan = options.scan?.() ?? null;
    await forward(first);
  };

  try {
    for await (const chunk of source) {
      const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += piece.length;
      if (size > options.maxBytes) throw tooLarge(options.maxBytes);
      if (type) await forward(piece);
      else {
        head.push(piece);
        headBytes += piece.length;
        if (headBytes >= SNIFF_BYTES) await decide();
      }
    }
    if (size === 0)
      throw validationFailed([{ field: 'file', messages: ['Het bestand is leeg.'] }], 'Het bestand is leeg.');
    if (!type) await decide();
    await writer!.finish();
    if (scan) {
      const verdict = await (scan as ClamavScan).verdict();
      if (!verdict.clean) {
        const message = `Het bestand is geweigerd: de virusscanner herkende ${verdict.signature ?? 'een bedreiging'}.`;
        throw validationFailed([{ field: 'file', messages: [message] }], message);
      }
    }
    const stored = type as unknown as { kind: FileKind; mediaType: string };
    return {
      store: options.store.name,
      storageKey: writer!.key,
      kind: stored.kind,
      mediaType: stored.mediaType,
      sizeBytes: size,
      sha256: hash.digest('hex'),
    };
  } catch (err) {
    (scan as ClamavScan | null)?.abort();
    if (writer) await (writer as { abort(): Promise<void> }).abort();
    if (err instanceof ScannerUnavailableError)
      throw new DomainError(
        ErrorCode.Unavailable,
        'De virusscanner is niet bereikbaar, dus het bestand is niet opgeslagen. Probeer het later opnieuw.',
      );
    throw err;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`.replace('.', ',');
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
