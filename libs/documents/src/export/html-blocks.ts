import { parseDocument } from 'htmlparser2';
import { Block, Inline, InlineRun, ListItem, safeHref } from './document-blocks';

/** The parts of htmlparser2's DOM (domhandler) that are read here. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

type Marks = Pick<InlineRun, 'bold' | 'italic' | 'href'>;

const BLOCK_TAGS = new Set(['p', 'ul', 'ol', 'li', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

/**
 * Rich text (the sanitised HTML of a strategy's texts, libs/core rich-text.ts) as export blocks, so that DOCX,
 * ODT, PDF and HTML exports render it like a document: paragraphs, bold and italic runs, links, bullet and
 * numbered lists (nested too). Text that is not HTML at all becomes one paragraph per line. Anything unknown
 * gives its text only.
 */
export function htmlBlocks(html: string): Block[] {
  if (!/<\/?[a-z][^>]*>/i.test(html))
    return html
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ type: 'paragraph', inlines: [{ text: line }] }));
  const root = parseDocument(html, { decodeEntities: true }) as unknown as DomNode;
  return blocksOf(root.children ?? []);
}

function blocksOf(nodes: DomNode[]): Block[] {
  const out: Block[] = [];
  let loose: DomNode[] = [];
  // Inline content between blocks (text, <strong>, <a>) becomes a paragraph of its own.
  const flush = () => {
    const inlines = trimInlines(inlinesOf(loose, {}));
    if (inlines.length) out.push({ type: 'paragraph', inlines });
    loose = [];
  };
  for (const node of nodes) {
    if (node.type !== 'tag' || !BLOCK_TAGS.has(node.name ?? '')) {
      loose.push(node);
      continue;
    }
    flush();
    out.push(...blockOf(node));
  }
  flush();
  return out;
}

function blockOf(node: DomNode): Block[] {
  const children = node.children ?? [];
  switch (node.name) {
    case 'ul':
    case 'ol': {
      const items: ListItem[] = children
        .filter((child) => child.type === 'tag' && child.name === 'li')
        .map((li) => ({ blocks: blocksOf(li.children ?? []) }));
      return items.length ? [{ type: 'list', kind: node.name === 'ol' ? 'ordered' : 'bullet', items }] : [];
    }
    case 'blockquote':
      return [{ type: 'blockquote', blocks: blocksOf(children) }];
    case 'li':
    case 'div':
      return blocksOf(children);
    default: {
      const inlines = trimInlines(inlinesOf(children, {}));
      return inlines.length ? [{ type: 'paragraph', inlines }] : [];
    }
  }
}

function inlinesOf(nodes: DomNode[], marks: Marks): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.data) out.push({ text: node.data.replace(/\s+/g, ' '), ...marks });
      continue;
    }
    if (node.type !== 'tag') continue;
    switch (node.name) {
      case 'br':
        out.push({ lineBreak: true });
        break;
      case 'strong':
      case 'b':
        out.push(...inlinesOf(node.children ?? [], { ...marks, bold: true }));
        break;
      case 'em':
      case 'i':
        out.push(...inlinesOf(node.children ?? [], { ...marks, italic: true }));
        break;
      case 'a': {
        const href = safeHref(node.attribs?.href);
        out.push(...inlinesOf(node.children ?? [], href ? { ...marks, href } : marks));
        break;
      }
      default:
        out.push(...inlinesOf(node.children ?? [], marks));
    }
  }
  return out.filter((inline) => 'lineBreak' in inline || inline.text !== '');
}

/** Without the spaces HTML's layout left at the start and end of a paragraph. */
function trimInlines(inlines: Inline[]): Inline[] {
  const out = [...inlines];
  const first = out[0];
  if (first && !('lineBreak' in first)) out[0] = { ...first, text: first.text.replace(/^\s+/, '') };
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  if (last && !('lineBreak' in last)) out[lastIndex] = { ...last, text: last.text.replace(/\s+$/, '') };
  return out.filter((inline) => 'lineBreak' in inline || inline.text !== '');
}
