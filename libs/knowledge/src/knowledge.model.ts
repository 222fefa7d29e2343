export const KNOWLEDGE_STATUSES = ['in_gebruik', 'pilot', 'afgerond'] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];

/** A link to more information; only https, with a label a reader understands. */
export interface KnowledgeLink {
  label: string;
  url: string;
}

/** An intervention or practice in a theme's kennisbank, as the API shows it. */
export interface KnowledgeItemView {
  id: string;
  themeId: string;
  themeTitle: string;
  title: string;
  description: string;
  ownerOrganisationId: string | null;
  ownerOrganisationName: string | null;
  tags: string[];
  links: KnowledgeLink[];
  status: KnowledgeStatus;
  /** The gemeenten that use it. */
  gemeenten: Array<{ id: string; name: string }>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Raised on every change (optimistic concurrency). */
  version: number;
}

/** A search hit: the item plus its rank and highlighted fragments (only when searching with a query). */
export interface KnowledgeSearchHit extends KnowledgeItemView {
  rank: number | null;
  /**
   * HTML-escaped text with the matching words wrapped in <mark></mark>: safe to render as HTML, since
   * everything but the mark tags is escaped on the server.
   */
  highlight: { title: string; snippet: string } | null;
}

/** The fields of an item that can be set through the API. */
export interface KnowledgeFields {
  title: string;
  description: string;
  ownerOrganisationId: string | null;
  tags: string[];
  links: KnowledgeLink[];
  status: KnowledgeStatus;
  gemeenteIds: string[];
}

export interface KnowledgeFilter {
  q?: string;
  tag?: string;
  status?: KnowledgeStatus;
  gemeenteId?: string;
  limit: number;
  offset: number;
}

/** Tags are compared case-insensitively: stored trimmed, lower-case and without duplicates. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}
