import { Block } from './document-blocks';
import { documentFill } from './document-sections';

const heading = (level: 1 | 2 | 3, text: string): Block => ({ type: 'heading', level, inlines: [{ text }] });
const paragraph = (text: string): Block => ({ type: 'paragraph', inlines: text ? [{ text }] : [] });

describe('documentFill', () => {
  it('sees the bare template: only headings and empty paragraphs', () => {
    const blocks = [
      heading(1, 'Voortgangsrapportage'),
      heading(2, 'Samenvatting'),
      paragraph(''),
      heading(2, 'Voortgang'),
    ];
    expect(documentFill(blocks)).toEqual({ onlyHeadings: true, emptySections: ['Samenvatting', 'Voortgang'] });
  });

  it('names only the sections without text; text in a subsection or a list fills its section', () => {
    const blocks: Block[] = [
      heading(1, 'Voortgangsrapportage'),
      heading(2, 'Samenvatting'),
      paragraph('Op koers.'),
      heading(2, 'Voortgang per onderdeel'),
      heading(3, 'Preventie'),
      { type: 'list', kind: 'bullet', items: [{ blocks: [paragraph('Twee scholen bereikt')] }] },
      heading(3, 'Handhaving'),
      paragraph('   '),
    ];
    expect(documentFill(blocks)).toEqual({ onlyHeadings: false, emptySections: ['Handhaving'] });
  });
});
