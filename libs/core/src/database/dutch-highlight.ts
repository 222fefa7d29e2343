import type { HighlightedText } from '@koers/contracts';

/**
 * PostgreSQL's Dutch stop words (the Snowball list). They are marked only as whole words: "van" in
 * "plan van aanpak" should not light up every "haven" and "vanavond".
 */
const DUTCH_STOP_WORDS = new Set(
  (
    'aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ' +
    'ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon ' +
    'kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over ' +
    'reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt ' +
    'zal ze zelf zich zij zijn zo zonder zou'
  ).split(' '),
);

/**
 * Where the query's terms occur in `text`, case-insensitively, as sorted non-overlapping [start, end)
 * ranges. A term that does not occur literally (a stemmed match: "vergaderingen" for "vergadering") is
 * looked for by its first letters at the start of a word.
 */
export function findMarks(text: string, terms: string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  // toLowerCase keeps the length for all but a few letters; if not, offsets would drift: mark nothing.
  if (lower.length !== text.length) return [];
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (DUTCH_STOP_WORDS.has(term)) {
      ranges.push(...occurrences(lower, term, true).filter(([start, end]) => end - start === term.length));
      continue;
    }
    const found = occurrences(lower, term, false);
    if (found.length) ranges.push(...found);
    else if (term.length >= 5 && !term.includes(' '))
      ranges.push(...occurrences(lower, term.slice(0, Math.max(4, term.length - 3)), true));
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function occurrences(lower: string, part: string, wordStartOnly: boolean): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let at = lower.indexOf(part);
  while (at !== -1 && found.length < 50) {
    let end = at + part.length;
    if (wordStartOnly) {
      if (at > 0 && /[\p{L}\p{N}]/u.test(lower[at - 1])) {
        at = lower.indexOf(part, at + 1);
        continue;
      }
      // Mark the whole word the stem starts.
      while (end < lower.length && /[\p{L}\p{N}]/u.test(lower[end])) end++;
    }
    found.push([at, end]);
    at = lower.indexOf(part, end);
  }
  return found;
}

export function highlight(text: string, terms: string[]): HighlightedText {
  return { text, marks: findMarks(text, terms) };
}

/**
 * A passage of about `size` characters around the first match (or the text's start), cut at word
 * boundaries, with "…" where it was cut; whitespace runs become one space.
 */
export function snippet(text: string, terms: string[], size = 180): HighlightedText | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  const marks = findMarks(flat, terms);
  const first = marks[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(size / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space !== -1 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + size);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < flat.length ? ' …' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + flat.slice(start, end) + suffix,
    marks: marks.filter(([s, e]) => s >= start && e <= end).map(([s, e]): [number, number] => [s + shift, e + shift]),
  };
}
