import type { Uuid } from './common';
/** What the search over everything looks in (GET /api/search?type=…). */
export const SEARCH_KINDS = ['document', 'action', 'session', 'knowledge', 'person', 'organisation'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The Dutch name of each kind's group of results. */
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  document: 'Documenten',
  action: 'Acties',
  session: 'Sessies',
  knowledge: 'Kennisbank',
  person: 'Personen',
  organisation: 'Organisaties',
};

/** The longest query the search accepts (characters). */
export const SEARCH_QUERY_MAX = 200;

/**
 * Plain text with the matching parts given as [start, end) offsets (UTF-16 code units, as in JavaScript
 * strings): the client renders the text as text and wraps the ranges, so nothing in it is ever HTML.
 */
export interface HighlightedText {
  text: string;
  marks: Array<[number, number]>;
}

export interface SearchHit {
  kind: SearchKind;
  id: Uuid;
  title: HighlightedText;
  /** The passage around the first match in the item's text, when the text is not just the title. */
  snippet: HighlightedText | null;
  /** Where it belongs, e.g. the werkgroep's name, or "Agendapunt in Werksessie mei" for a session's part. */
  context: string | null;
  /** The web client's path of the item's screen; null when the caller has no screen for it. */
  link: string | null;
}

export interface SearchGroup {
  kind: SearchKind;
  label: string;
  hits: SearchHit[];
  /** More hits of this kind exist than shown (ask again with `type`). */
  more: boolean;
}

export interface SearchResult {
  query: string;
  /** Only the kinds with hits, in the order of SEARCH_KINDS. */
  groups: SearchGroup[];
}
