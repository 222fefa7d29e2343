import type { IsoDateTime, Uuid } from './common';

export const DOCUMENT_KINDS = ['plan_van_aanpak', 'verslag', 'notitie', 'voortgangsrapportage'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What a document can be downloaded as (html: a complete page; docx: Word; odt: OpenDocument). */
export const EXPORT_FORMATS = ['html', 'md', 'text', 'docx', 'odt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** What an old version can be shown as. */
export const TEXT_EXPORT_FORMATS = ['html', 'md', 'text'] as const;
export type TextExportFormat = (typeof TEXT_EXPORT_FORMATS)[number];

export const VERSION_KINDS = ['handmatig', 'automatisch', 'herstel'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A werkgroep document's metadata (the content itself travels over the /collab socket). */
export interface DocumentMeta {
  id: Uuid;
  workgroupId: Uuid;
  title: string;
  kind: DocumentKind;
  createdBy: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  archivedAt: IsoDateTime | null;
  /** Raised on a rename or an archive/restore, not on edits of the text (optimistic concurrency). */
  version: number;
}

/** What the caller may do with a document (decided by the server). */
export interface DocumentPermissions {
  /** Write in it, rename, archive or restore it, make and restore versions. */
  edit: boolean;
  comment: boolean;
}

/** One document as GET /api/documents/:id answers it: with what the caller may do with it. */
export interface DocumentDetail extends DocumentMeta {
  permissions: DocumentPermissions;
}

/** A comment on a document; `anchorStart`/`anchorEnd` are Yjs relative positions (base64) of the commented text. */
export interface DocumentComment {
  id: Uuid;
  documentId: Uuid;
  parentId: Uuid | null;
  authorId: Uuid | null;
  authorName: string | null;
  body: string;
  anchorStart: string | null;
  anchorEnd: string | null;
  /** The commented text as it was: stays readable when the text is deleted. */
  quote: string;
  mentions: string[];
  resolvedAt: IsoDateTime | null;
  resolvedBy: string | null;
  createdAt: IsoDateTime;
  editedAt: IsoDateTime | null;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

export interface CommentThread extends DocumentComment {
  replies: DocumentComment[];
}

/** Who changed the document since the previous version ("wie wijzigde wat"). */
export interface VersionContributor {
  userId: Uuid;
  displayName: string;
  updates: number;
  lastAt: IsoDateTime;
}

export interface DocumentVersion {
  id: Uuid;
  documentId: Uuid;
  name: string | null;
  kind: VersionKind;
  contributors: VersionContributor[];
  createdBy: string | null;
  createdByName: string | null;
  createdAt: IsoDateTime;
}

export interface DocumentInput {
  title?: string;
  kind?: DocumentKind;
  archived?: boolean;
}

export interface CommentInput {
  body: string;
  anchorStart?: string;
  anchorEnd?: string;
  quote?: string;
  mentions?: string[];
}

export interface ReplyInput {
  body: string;
  mentions?: string[];
}
