import { htmlBlocks } from './html-blocks';

describe('htmlBlocks', () => {
  it('turns rich text into paragraphs with marks, links and nested lists', () => {
    expect(
      htmlBlocks(
        '<p>Een <strong>vet <em>en schuin</em></strong> woord, <a href="https://example.nl">link</a><br>regel</p>' +
          '<ul><li><p>a</p><ol><li><p>b</p></li></ol></li></ul>',
      ),
    ).toEqual([
      {
        type: 'paragraph',
        inlines: [
          { text: 'Een ' },
          { text: 'vet ', bold: true },
          { text: 'en schuin', bold: true, italic: true },
          { text: ' woord, ' },
          { text: 'link', href: 'https://example.nl' },
          { lineBreak: true },
          { text: 'regel' },
        ],
      },
      {
        type: 'list',
        kind: 'bullet',
        items: [
          {
            blocks: [
              { type: 'paragraph', inlines: [{ text: 'a' }] },
              { type: 'list', kind: 'ordered', items: [{ blocks: [{ type: 'paragraph', inlines: [{ text: 'b' }] }] }] },
            ],
          },
        ],
      },
    ]);
  });

  it('decodes entities, drops unsafe links, and takes plain text as paragraphs', () => {
    expect(htmlBlocks('<p>a &amp; b <a href="javascript:x()">c</a></p>')).toEqual([
      { type: 'paragraph', inlines: [{ text: 'a & b ' }, { text: 'c' }] },
    ]);
    expect(htmlBlocks('een\ntwee')).toEqual([
      { type: 'paragraph', inlines: [{ text: 'een' }] },
      { type: 'paragraph', inlines: [{ text: 'twee' }] },
    ]);
    expect(htmlBlocks('')).toEqual([]);
  });
});
