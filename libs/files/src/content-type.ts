import FileType from 'file-type';
import type { FileKind } from '@koers/contracts';

/** How many leading bytes decide the type: enough for the zip entries of Office and OpenDocument files. */
export const SNIFF_BYTES = 64 * 1024;

export interface DetectedType {
  kind: FileKind;
  mediaType: string;
}

const BINARY_KINDS: Partial<Record<string, DetectedType>> = {
  pdf: { kind: 'pdf', mediaType: 'application/pdf' },
  docx: { kind: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { kind: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { kind: 'pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  odt: { kind: 'odt', mediaType: 'application/vnd.oasis.opendocument.text' },
  ods: { kind: 'ods', mediaType: 'application/vnd.oasis.opendocument.spreadsheet' },
  odp: { kind: 'odp', mediaType: 'application/vnd.oasis.opendocument.presentation' },
  png: { kind: 'png', mediaType: 'image/png' },
  jpg: { kind: 'jpg', mediaType: 'image/jpeg' },
  gif: { kind: 'gif', mediaType: 'image/gif' },
  webp: { kind: 'webp', mediaType: 'image/webp' },
};

/** Kinds a browser may show inline (preview); everything else is only ever an attachment. */
export const PREVIEWABLE_KINDS: readonly FileKind[] = ['pdf', 'png', 'jpg', 'gif', 'webp'];

/** ASF/WMV: file-type's ASF parser can loop on malformed headers; not allowed anyway, so never parsed. */
const ASF_GUID = Buffer.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]);

/**
 * Decides the kind of a file from its first bytes (`head`, at most SNIFF_BYTES; `complete` when that is
 * the whole file), never from its name: `null` when the content is not on the allow-list (an executable,
 * a zip, an HTML page named .pdf). Binary formats by their signatures (file-type); what has none must be
 * text: no NUL or other control bytes, then CSV when the name says so and plain text otherwise (both are
 * served as text/plain-like attachments, so the name only picks between two equally harmless types).
 */
export async function detectType(head: Buffer, name: string): Promise<DetectedType | null> {
  if (head.length === 0) return null;
  if (head.subarray(0, ASF_GUID.length).equals(ASF_GUID)) return null;
  const found = await FileType.fromBuffer(head);
  if (found) return BINARY_KINDS[found.ext] ?? null;
  if (!looksLikeText(head)) return null;
  const charset = isUtf8(head) ? 'utf-8' : 'windows-1252';
  return /\.csv$/i.test(name)
    ? { kind: 'csv', mediaType: `text/csv; charset=${charset}` }
    : { kind: 'txt', mediaType: `text/plain; charset=${charset}` };
}

/** Text: no byte below 0x20 except tab, line feed, form feed and carriage return, and no DEL. */
function looksLikeText(head: Buffer): boolean {
  for (const byte of head) {
    if (byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d) continue;
    if (byte < 0x20 || byte === 0x7f) return false;
  }
  return true;
}

/** Valid UTF-8, allowing a sequence cut off at the end of the head. */
function isUtf8(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
