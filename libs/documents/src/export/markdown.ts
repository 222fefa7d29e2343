import { Block, Inline, InlineRun } from './document-blocks';

/**
 * CommonMark of a document. Text is escaped so that a CommonMark reader gives it back literally: every
 * character that starts inline syntax (emphasis, code, links, raw HTML, GFM strikethrough; `&` before what
 * looks like an entity; `|` in table cells) is backslash-escaped wherever it stands, and what opens a block (a heading's `#`, a list marker, a
 * quote, a setext underline, an ordered-list number) only where it would: at the start of a line.
 */
export function renderMarkdown(blocks: Block[]): string {
  return (
    blocks
      .map((b) => block(b, ''))
      .join('\n\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

/** Escapes text that stands inside a line. */
export const escapeMarkdownInline = (text: string): string =>
  text.replace(/[\\`*_[\]<>~]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');

/** Escapes text that starts a line: as inside a line, plus what only means something there. */
export function escapeMarkdownLineStart(text: string): string {
  const trimmed = text.replace(/^[ \t]+/, '');
  const escaped = escapeMarkdownInline(trimmed);
  return escaped.replace(/^([-+=>#])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** A replacer that escapes `char` unless an odd number of backslashes already does. */
const unescaped = (char: string) => (match: string, backslashes: string) =>
  backslashes.length % 2 ? match : `${backslashes}\\${char}`;

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A link destination in pointy brackets, with what would end it percent-encoded. */
const destination = (href: string) => `<${href.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c))}>`;

function run(r: InlineRun, atLineStart: boolean): string {
  if (!r.text) return '';
  if (r.code) {
    const out = codeSpan(r.text);
    return r.href ? `[${out}](${destination(r.href)})` : out;
  }
  // Emphasis markers must touch non-space text to count, so surrounding spaces go outside them.
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text) as RegExpExecArray;
  if (!core) return atLineStart ? '' : r.text;
  let out = atLineStart ? escapeMarkdownLineStart(core) : escapeMarkdownInline(core);
  if (r.bold) out = `**${out}**`;
  if (r.italic) out = `*${out}*`;
  if (r.strike) out = `~~${out}~~`;
  if (r.href) out = `[${out}](${destination(r.href)})`;
  return `${atLineStart ? '' : lead}${out}${trail}`;
}

function inline(inlines: Inline[]): string {
  let out = '';
  let atLineStart = true;
  for (const i of inlines) {
    if ('lineBreak' in i) {
      out = out.replace(/[ \t]+$/, '') + '\\\n';
      atLineStart = true;
      continue;
    }
    const piece = run(i, atLineStart);
    if (piece) atLineStart = false;
    out += piece;
  }
  return out.replace(/[ \t]+$/, '');
}

function block(b: Block, indent: string): string {
  switch (b.type) {
    case 'paragraph':
      return inline(b.inlines).replace(/\n/g, `\n${indent}`);
    case 'heading':
      // A heading is one line: its breaks become spaces.
      return `${'#'.repeat(b.level)} ${inline(b.inlines.map((i) => ('lineBreak' in i ? { text: ' ' } : i))).replace(/(\\*)#/g, unescaped('#'))}`;
    case 'list':
      return b.items
        .map((item, index) => {
          const marker =
            b.kind === 'ordered' ? `${index + 1}.` : b.kind === 'task' ? `- [${item.checked ? 'x' : ' '}]` : '-';
          const inner = `${indent}${' '.repeat(b.kind === 'ordered' ? marker.length + 1 : 2)}`;
          const body = item.blocks.map((c) => block(c, inner)).join(`\n${inner}`);
          return `${indent}${marker} ${body}`;
        })
        .join('\n');
    case 'blockquote':
      return b.blocks.map((c) => `${indent}> ${block(c, `${indent}> `)}`).join(`\n${indent}>\n`);
    case 'code': {
      const longest = Math.max(2, ...(b.text.match(/`+/g) ?? []).map((r) => r.length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}\n${b.text}\n${fence}`.replace(/\n/g, `\n${indent}`);
    }
    case 'rule':
      return '---';
    case 'table': {
      const rows = b.rows.map((row) =>
        row.map((cell) =>
          cell.blocks
            .map((c) => block(c, ''))
            .join(' ')
            .replace(/\n/g, ' ')
            .replace(/(\\*)\|/g, unescaped('|')),
        ),
      );
      if (!rows.length) return '';
      const width = Math.max(...rows.map((r) => r.length));
      const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
      const header = `| ${pad(rows[0]).join(' | ')} |`;
      const rule = `| ${pad(rows[0])
        .map(() => '---')
        .join(' | ')} |`;
      return [header, rule, ...rows.slice(1).map((r) => `| ${pad(r).join(' | ')} |`)].join('\n');
    }
  }
}
