import type { IsoDateTime, Uuid } from './common';

/**
 * What a file can be attached to. A parent is addressed as (parentType, parentId), so a new kind of parent
 * (a consultation answer) is one more entry here and one more resolver on the server.
 */
export const FILE_PARENT_TYPES = [
  'workgroup',
  'session',
  'agenda_item',
  'knowledge_item',
  'action',
  'consultation_answer',
] as const;
export type FileParentType = (typeof FILE_PARENT_TYPES)[number];

/** The kinds of content Koers accepts, decided from the bytes (never from the name), with a Dutch label. */
export const FILE_KINDS = {
  pdf: 'PDF',
  docx: 'Word (docx)',
  xlsx: 'Excel (xlsx)',
  pptx: 'PowerPoint (pptx)',
  odt: 'OpenDocument-tekst (odt)',
  ods: 'OpenDocument-rekenblad (ods)',
  odp: 'OpenDocument-presentatie (odp)',
  png: 'PNG-afbeelding',
  jpg: 'JPEG-afbeelding',
  gif: 'GIF-afbeelding',
  webp: 'WebP-afbeelding',
  csv: 'CSV',
  txt: 'Platte tekst',
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** Who did something to a file, as the screens show it. */
export interface FilePerson {
  id: Uuid;
  displayName: string;
}

/** One stored version of a file: its bytes never change; a new upload makes a new version. */
export interface FileVersionMeta {
  /** 1 for the first upload, then 2, 3, ... */
  number: number;
  name: string;
  kind: FileKind;
  /** The media type the content is served with. */
  mediaType: string;
  sizeBytes: number;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  createdAt: IsoDateTime;
  createdBy: FilePerson | null;
}

/** A file attached to a parent, described by its newest version. */
export interface FileMeta {
  id: Uuid;
  parentType: FileParentType;
  parentId: Uuid;
  /** The werkgroep the parent belongs to; null for a kennisbank item of a theme without werkgroep. */
  workgroupId: Uuid | null;
  name: string;
  kind: FileKind;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** PDF and images may be shown in the browser; everything else only downloads. */
  previewable: boolean;
  versionCount: number;
  createdAt: IsoDateTime;
  createdBy: FilePerson | null;
  updatedAt: IsoDateTime;
  /** Raised on every new version and on archiving (optimistic concurrency). */
  version: number;
}

/** One file with every version, newest first. */
export interface FileDetail extends FileMeta {
  versions: FileVersionMeta[];
}

/** What an upload may be (`GET /api/file-limits`). */
export interface FileLimits {
  maxBytes: number;
  kinds: FileKind[];
}
