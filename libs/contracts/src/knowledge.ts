import type { IsoDateTime, Uuid } from './common';

export const KNOWLEDGE_STATUSES = ['in_gebruik', 'pilot', 'afgerond'] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];

/** A link to more information; only https, with a label a reader understands. */
export interface KnowledgeLink {
  label: string;
  url: string;
}

/** An intervention or practice in a theme's kennisbank. */
export interface KnowledgeItem {
  id: Uuid;
  themeId: Uuid;
  themeTitle: string;
  title: string;
  description: string;
  ownerOrganisationId: Uuid | null;
  ownerOrganisationName: string | null;
  tags: string[];
  links: KnowledgeLink[];
  status: KnowledgeStatus;
  /** The gemeenten that use it. */
  gemeenten: Array<{ id: Uuid; name: string }>;
  createdBy: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

/** A search hit: the item plus its rank and highlighted fragments (only when searching with a query). */
export interface KnowledgeSearchHit extends KnowledgeItem {
  rank: number | null;
  /**
   * HTML-escaped text with the matching words wrapped in <mark></mark>: safe to render as HTML, since
   * everything but the mark tags is escaped on the server (the client sanitises it again).
   */
  highlight: { title: string; snippet: string } | null;
}

export interface KnowledgeFilters {
  q?: string;
  tag?: string;
  status?: string;
  gemeenteId?: Uuid;
  limit?: number;
  offset?: number;
}

export interface KnowledgeInput {
  title?: string;
  description?: string;
  ownerOrganisationId?: Uuid | null;
  tags?: string[];
  links?: KnowledgeLink[];
  status?: KnowledgeStatus;
  gemeenteIds?: Uuid[];
}
