import { Block, Inline } from './document-blocks';

/** What a document holds besides its headings: nothing at all (the bare template), or sections left empty. */
export interface DocumentFill {
  /** No text anywhere but in headings: the document is still its template. */
  onlyHeadings: boolean;
  /** Headings (below the title) with no text in their section, in document order. */
  emptySections: string[];
}

const inlineText = (inlines: Inline[]) => inlines.map((i) => ('text' in i ? i.text : '')).join('');

/** The text of a block that is not a heading (lists, quotes and tables through their blocks). */
function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.inlines);
    case 'heading':
    case 'rule':
      return '';
    case 'code':
      return block.text;
    case 'list':
      return block.items.map((item) => item.blocks.map(blockText).join('')).join('');
    case 'blockquote':
      return block.blocks.map(blockText).join('');
    case 'table':
      return block.rows.map((row) => row.map((cell) => cell.blocks.map(blockText).join('')).join('')).join('');
  }
}

/**
 * Which sections of a document are empty: a heading's section runs to the next heading of the same or a higher
 * level, and is empty when no block in it holds text. The first level-1 heading is the document's title.
 */
export function documentFill(blocks: Block[]): DocumentFill {
  const filled = blocks.map((block) => block.type !== 'heading' && blockText(block).trim().length > 0);
  const emptySections: string[] = [];
  blocks.forEach((block, index) => {
    if (block.type !== 'heading' || block.level === 1) return;
    let hasText = false;
    for (let next = index + 1; next < blocks.length; next += 1) {
      const other = blocks[next];
      if (other.type === 'heading' && other.level <= block.level) break;
      if (filled[next]) {
        hasText = true;
        break;
      }
    }
    const title = inlineText(block.inlines).trim();
    if (!hasText && title) emptySections.push(title);
  });
  return { onlyHeadings: !filled.some(Boolean), emptySections };
}
