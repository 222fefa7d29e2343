import {
  Dated,
  KNOWLEDGE_STATUSES,
  KnowledgeItem,
  KnowledgeLink,
  KnowledgeSearchHit as WireSearchHit,
  KnowledgeStatus,
} from '@koers/contracts';

export { KNOWLEDGE_STATUSES };
export type { KnowledgeLink, KnowledgeStatus };

export type KnowledgeItemView = Dated<KnowledgeItem, 'createdAt' | 'updatedAt'>;
/** A search hit: the item plus its rank and highlighted fragments (only when searching with a query). */
export type KnowledgeSearchHit = KnowledgeItemView & Pick<WireSearchHit, 'rank' | 'highlight'>;

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
