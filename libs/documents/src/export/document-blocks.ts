import * as Y from 'yjs';
import { EDITOR_FRAGMENT } from '../document.model';

/**
 * A document's content as plain data (headings, paragraphs, lists, checklists, tables, links), read once from
 * the editor's Yjs/ProseMirror tree so every file format (HTML, Markdown, DOCX, ODT, PDF) renders the same
 * structure. Comments are not part of it: they live beside the text (document_comments), never in the tree.
 */
export interface InlineRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  /** Only http(s) and mailto links survive; anything else becomes plain text. */
  href?: string;
}
export type Inline = InlineRun | { lineBreak: true };

export interface ListItem {
  /** Set for a checklist item. */
  checked?: boolean;
  blocks: Block[];
}
export interface TableCell {
  header: boolean;
  blocks: Block[];
}
export type Block =
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[] }
  | { type: 'list'; kind: 'bullet' | 'ordered' | 'task'; items: ListItem[] }
  | { type: 'blockquote'; blocks: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' }
  | { type: 'table'; rows: TableCell[][] };

type Delta = Array<{ insert: string | object; attributes?: Record<string, unknown> }>;

export const safeHref = (href: unknown): string | undefined =>
  typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : undefined;

export function documentBlocks(doc: Y.Doc): Block[] {
  return blocksOf(doc.getXmlFragment(EDITOR_FRAGMENT));
}

/** The blocks of a whole Yjs state (a stored snapshot plus updates merged). */
export function stateBlocks(state: Uint8Array): Block[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const blocks = documentBlocks(doc);
  doc.destroy();
  return blocks;
}

function childrenOf(node: Y.XmlElement | Y.XmlFragment): Array<Y.XmlElement | Y.XmlText> {
  return node.toArray() as Array<Y.XmlElement | Y.XmlText>;
}

function blocksOf(node: Y.XmlElement | Y.XmlFragment): Block[] {
  const out: Block[] = [];
  for (const child of childrenOf(node)) {
    if (child instanceof Y.XmlText) {
      const inlines = inlinesOf(child);
      if (inlines.length) out.push({ type: 'paragraph', inlines });
      continue;
    }
    const block = blockOf(child);
    if (block) out.push(...(Array.isArray(block) ? block : [block]));
  }
  return out;
}

function blockOf(node: Y.XmlElement): Block | Block[] | null {
  switch (node.nodeName) {
    case 'paragraph':
      return { type: 'paragraph', inlines: inlineChildren(node) };
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1)) as 1 | 2 | 3 | 4 | 5 | 6;
      return { type: 'heading', level, inlines: inlineChildren(node) };
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return {
        type: 'list',
        kind: node.nodeName === 'orderedList' ? 'ordered' : node.nodeName === 'taskList' ? 'task' : 'bullet',
        items: childrenOf(node)
          .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
          .map((item) => ({
            ...(node.nodeName === 'taskList' ? { checked: isChecked(item) } : {}),
            blocks: blocksOf(item),
          })),
      };
    case 'blockquote':
      return { type: 'blockquote', blocks: blocksOf(node) };
    case 'codeBlock':
      return {
        type: 'code',
        text: childrenOf(node)
          .map((c) => (c instanceof Y.XmlText ? c.toString() : ''))
          .join(''),
      };
    case 'horizontalRule':
      return { type: 'rule' };
    case 'table':
      return {
        type: 'table',
        rows: childrenOf(node)
          .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
          .map((row) =>
            childrenOf(row)
              .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
              .map((cell) => ({ header: cell.nodeName === 'tableHeader', blocks: blocksOf(cell) })),
          ),
      };
    default:
      // An unknown wrapper keeps its content rather than losing it.
      return blocksOf(node);
  }
}

function inlineChildren(node: Y.XmlElement): Inline[] {
  const out: Inline[] = [];
  for (const child of childrenOf(node)) {
    if (child instanceof Y.XmlText) out.push(...inlinesOf(child));
    else if (child.nodeName === 'hardBreak') out.push({ lineBreak: true });
    else out.push(...inlineChildren(child));
  }
  return out;
}

function inlinesOf(node: Y.XmlText): InlineRun[] {
  return (node.toDelta() as Delta)
    .filter((op): op is { insert: string; attributes?: Record<string, unknown> } => typeof op.insert === 'string')
    .map((op) => {
      const a = op.attributes ?? {};
      const run: InlineRun = { text: op.insert };
      if (a.bold) run.bold = true;
      if (a.italic) run.italic = true;
      if (a.strike) run.strike = true;
      if (a.code) run.code = true;
      const href = safeHref((a.link as Record<string, unknown> | undefined)?.href);
      if (href) run.href = href;
      return run;
    });
}

export function isChecked(node: Y.XmlElement): boolean {
  const checked = node.getAttribute('checked') as unknown;
  return checked === true || checked === 'true';
}

/** The plain text of inline content (line breaks as newlines). */
export const inlineText = (inlines: Inline[]): string =>
  inlines.map((i) => ('lineBreak' in i ? '\n' : i.text)).join('');

/** The plain text of blocks, one line per block. */
export function blocksText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
        case 'heading':
          return inlineText(b.inlines);
        case 'list':
          return b.items.map((i) => blocksText(i.blocks)).join('\n');
        case 'blockquote':
          return blocksText(b.blocks);
        case 'code':
          return b.text;
        case 'rule':
          return '';
        case 'table':
          return b.rows.map((r) => r.map((c) => blocksText(c.blocks)).join('\t')).join('\n');
      }
    })
    .join('\n');
}
