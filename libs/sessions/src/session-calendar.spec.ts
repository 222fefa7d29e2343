import { escapeText, foldLine, icalUtc } from './session-calendar';
import { escapeHtml, escapeMarkdown } from './session-export';

describe('session calendar (RFC 5545)', () => {
  it('folds at 75 octets without splitting a UTF-8 sequence, and unfolds to the original', () => {
    const line = `SUMMARY:${'Veiligheidsstrategie één '.repeat(12)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(parts.join('')).not.toContain('\uFFFD');
  });

  it('leaves short lines alone', () => {
    expect(foldLine('BEGIN:VCALENDAR')).toBe('BEGIN:VCALENDAR');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('escapes backslash, semicolon, comma and newlines in TEXT', () => {
    expect(escapeText('a\\b; c, d\r\ne\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('writes times in UTC', () => {
    expect(icalUtc(new Date('2026-03-12T09:30:00+01:00'))).toBe('20260312T083000Z');
  });
});

describe('session export escaping', () => {
  it('escapes HTML and Markdown', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown('*vet* | [link](x)\n# kop')).toBe('\\*vet\\* \\| \\[link\\](x) \\# kop');
  });
});
