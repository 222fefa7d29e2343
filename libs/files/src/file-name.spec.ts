import { MAX_NAME_LENGTH, sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it.each([
    ['Analyse RIEC.pdf', 'Analyse RIEC.pdf'],
    ['C:\\Users\\kees\\Bureaublad\\nota.docx', 'nota.docx'],
    ['../../etc/passwd', 'passwd'],
    ['evil\u0000\u0007\u001b\u007fname.txt', 'evilname.txt'],
    ['factuur\u202efdp.exe', 'factuurfdp.exe'],
    ['a\u2066b\u2069c\u200f.pdf', 'abc.pdf'],
    ['plan: "fase 1" <concept>?.odt', 'plan_ _fase 1_ _concept__.odt'],
    ['  ..verborgen.txt.  ', 'verborgen.txt'],
    ['regel\r\ntwee.txt', 'regel twee.txt'],
    ['tab\tbed.txt', 'tab bed.txt'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['', 'bestand'],
    ['...', 'bestand'],
    ['/', 'bestand'],
  ])('%j -> %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('normalises to NFC', () => {
    expect(sanitiseFileName('cafe\u0301.pdf')).toBe('caf\u00e9.pdf');
  });

  it('shortens long names, keeping the extension and whole characters', () => {
    const long = sanitiseFileName(`${'😀'.repeat(300)}.pdf`);
    expect(Array.from(long)).toHaveLength(MAX_NAME_LENGTH);
    expect(long.endsWith('😀.pdf')).toBe(true);
    expect(Array.from(sanitiseFileName('x'.repeat(500)))).toHaveLength(MAX_NAME_LENGTH);
  });
});
