/**
 * The Dutch search engine shared by the search over everything (libs/search) and the kennisbank
 * (libs/knowledge); docs/search.md. A query as the engine uses it: the text for PostgreSQL's `websearch_to_tsquery('dutch', …)`
 * (stemming, quoted phrases, `-word`), and the parts every matching text must contain as a substring
 * (prefixes and parts of Dutch compounds: "drugs" and "criminaliteit" in "drugscriminaliteit").
 */
export interface SearchQuery {
  text: string;
  /** Lower-case words or quoted phrases that must all occur (as part of a word or more). */
  terms: string[];
  /** Lower-case words or phrases after a minus: texts containing them do not match. */
  excluded: string[];
}

/** Parts shorter than this are left to the full-text search (a one-letter part matches nearly everything). */
const MIN_TERM = 2;
/** A longer query is not more precise, only slower: the substring match uses its first parts. */
const MAX_TERMS = 8;

const TOKEN = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
/** Punctuation around a word ("drugs," or "(mensenhandel)") is not part of it; inner hyphens are. */
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

export function parseSearchQuery(input: string): SearchQuery {
  const text = input.replace(/\s+/g, ' ').trim();
  const terms: string[] = [];
  const excluded: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const negated = (match[1] || match[3]) === '-';
    const raw = match[2] ?? match[4] ?? '';
    const part = raw.toLowerCase().replace(/\s+/g, ' ').replace(EDGE_PUNCTUATION, '');
    if (part.length < MIN_TERM) continue;
    const list = negated ? excluded : terms;
    if (!list.includes(part) && list.length < MAX_TERMS) list.push(part);
  }
  return { text, terms, excluded };
}

/** A LIKE pattern that matches `part` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(part: string): string {
  return `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A term the word list holds as it is: letters, digits and inner hyphens, already lower-case. */
const WORD = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

/**
 * The SQL that decides whether a row matches and how well: Dutch full-text search over `vector` for the
 * whole query (web search syntax), OR every term matching on its own, by its stem (`vector`) or as a part
 * of a word in `text` (served by a trigram index on exactly that expression), with no excluded term in
 * `text`. So "havens netwerken" finds "mensenhandelnetwerken in de haven". `param` adds a query parameter
 * and returns its placeholder.
 *
 * `where` is the whole condition; `fullText` and `perTerm` are its two halves, for queries that find
 * candidates by each half apart (libs/search: a bounded set per half, each served by its own index).
 * With `stored` (the vector is a stored column, not an expression) a term's stem is tried before the
 * part-of-word match: reading a stored vector is cheap, a substring match over a long text is not.
 * With `words` (a stored column of the text's distinct lower-case words, `search_words(text)` of migration
 * 1765110000000, with its own trigram index) a single word is looked for in there, case-sensitively and
 * without lower-casing the text; a phrase or a term with other characters than letters, digits and hyphens
 * (which the word list may have split) is looked for in `text`.
 */
export function dutchMatchSql(
  query: SearchQuery,
  columns: { text: string; vector: string; stored?: boolean; words?: string },
  param: (value: unknown) => string,
): { where: string; rank: string; fullText: string; perTerm: string } {
  const tsquery = `websearch_to_tsquery('dutch', ${param(query.text)})`;
  const fullText = `${columns.vector} @@ ${tsquery}`;
  const contains = (t: string) =>
    columns.words && WORD.test(t)
      ? `${columns.words} LIKE ${param(containsPattern(t))}`
      : `${columns.text} ILIKE ${param(containsPattern(t))}`;
  const parts = query.terms.map((t) => {
    const partOfWord = contains(t);
    const stem = `${columns.vector} @@ plainto_tsquery('dutch', ${param(t)})`;
    // OR stops at the first true operand. A vector that is an expression would be computed for every row
    // rechecked after a trigram index scan, so then the substring comes first; a stored one is read first.
    return columns.stored ? `(${stem} OR ${partOfWord})` : `(${partOfWord} OR ${stem})`;
  });
  // Exclusions only narrow a match by terms; without terms they add no parameter (an unused one has no type).
  const nots = parts.length ? query.excluded.map((t) => `NOT (${contains(t)})`) : [];
  const perTerm = parts.length ? `(${[...parts, ...nots].join(' AND ')})` : 'false';
  return {
    where: `(${perTerm} OR ${fullText})`,
    // Stemmed matches of the whole query rank by ts_rank (weights where the vector has them); a match of
    // every term gets a small bonus, so that matches by parts of words rank above zero.
    rank: `(ts_rank(${columns.vector}, ${tsquery}) + CASE WHEN ${perTerm} THEN 0.05 ELSE 0 END)`,
    fullText,
    perTerm,
  };
}
