import { containsPattern, parseSearchQuery } from '@koers/core';
import { findMarks, snippet } from './dutch-highlight';

const marked = (h: { text: string; marks: Array<[number, number]> }) => h.marks.map(([s, e]) => h.text.slice(s, e));

describe('parseSearchQuery', () => {
  it('lower-cases words, keeps quoted phrases whole, takes -words as exclusions and drops edge punctuation', () => {
    expect(parseSearchQuery('  Drugs, "Signaaltafel  Mensenhandel" -geldezels (RIEC) a  ')).toEqual({
      text: 'Drugs, "Signaaltafel Mensenhandel" -geldezels (RIEC) a',
      terms: ['drugs', 'signaaltafel mensenhandel', 'riec'],
      excluded: ['geldezels'],
    });
  });

  it('keeps inner hyphens, drops repeats and stops at eight terms', () => {
    expect(parseSearchQuery('e-mail e-mail').terms).toEqual(['e-mail']);
    expect(parseSearchQuery('aa bb cc dd ee ff gg hh ii jj').terms).toHaveLength(8);
  });

  it('an unclosed quote is a phrase to the end', () => {
    expect(parseSearchQuery('"plan van aanpak').terms).toEqual(['plan van aanpak']);
  });
});

describe('containsPattern', () => {
  it('takes LIKE wildcards literally', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('findMarks', () => {
  it('marks every occurrence, case-insensitively, merging overlaps', () => {
    const text = 'Drugscriminaliteit en DRUGS';
    expect(findMarks(text, ['drugs', 'criminaliteit', 'gscrim'])).toEqual([
      [0, 18],
      [22, 27],
    ]);
  });

  it('marks a stemmed match by the word its first letters start', () => {
    const text = 'De vergadering over de aanpak';
    expect(findMarks(text, ['vergaderingen', 'aanpakken']).map(([s, e]) => text.slice(s, e))).toEqual([
      'vergadering',
      'aanpak',
    ]);
  });

  it('marks a stop word only as a whole word, other short terms anywhere', () => {
    const text = 'Plan van aanpak voor de haven, vanavond besproken';
    expect(findMarks(text, ['plan', 'van', 'aanpak', 'haven']).map(([s, e]) => text.slice(s, e))).toEqual([
      'Plan',
      'van',
      'aanpak',
      'haven',
    ]);
    expect(findMarks(text, ['av']).map(([s, e]) => text.slice(s, e))).toEqual(['av', 'av']);
  });

  it('marks nothing rather than at the wrong place when lower-casing changes the length', () => {
    expect(findMarks('İstanbul drugs', ['drugs'])).toEqual([]);
  });
});

describe('snippet', () => {
  it('cuts around the first match at word boundaries, with ellipses and shifted marks', () => {
    const text = `${'woord '.repeat(60)}de aanpak van mensenhandel in de regio ${'slot '.repeat(60)}`;
    const s = snippet(text, ['mensenhandel'], 80)!;
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.text.endsWith(' …')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(80 + 4);
    expect(marked(s)).toEqual(['mensenhandel']);
  });

  it('starts at the beginning without a match, and is null for empty text', () => {
    expect(snippet('Kort verslag.', ['anders'])).toEqual({ text: 'Kort verslag.', marks: [] });
    expect(snippet('  \n ', ['x'])).toBeNull();
  });
});
