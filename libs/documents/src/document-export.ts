import type { ExportFormat } from '@koers/contracts';
import * as Y from 'yjs';
import { EDITOR_FRAGMENT } from './document.model';

export type { ExportFormat } from '@koers/contracts';

type Delta = Array<{
  insert: string | object;
  attributes?: Record<string, Record<string, unknown> | boolean | undefined>;
}>;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const safeHref = (href: unknown) => (typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : null);

/**
 * Renders the editor's document (Tiptap/ProseMirror nodes stored in a Y.XmlFragment) as HTML, Markdown or
 * plain text, on the server, with the same node names the editor uses.
 */
export function exportDocument(doc: Y.Doc, format: ExportFormat): string {
  const fragment = doc.getXmlFragment(EDITOR_FRAGMENT);
  const blocks = children(fragment);
  if (format === 'html') return blocks.map(html).join('\n');
  if (format === 'md')
    return (
      blocks
        .map((node) => markdown(node, ''))
        .join('\n\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim() + '\n'
    );
  return (
    blocks
      .map(text)
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

/** Plain text and HTML of a document's whole state (e.g. to freeze it into a progress report's version). */
export function exportState(state: Uint8Array): { text: string; html: string } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const result = { text: exportDocument(doc, 'text'), html: exportDocument(doc, 'html') };
  doc.destroy();
  return result;
}

function children(node: Y.XmlElement | Y.XmlFragment): Array<Y.XmlElement | Y.XmlText> {
  return node.toArray() as Array<Y.XmlElement | Y.XmlText>;
}

function inlineHtml(node: Y.XmlText): string {
  return (node.toDelta() as Delta)
    .map((op) => {
      if (typeof op.insert !== 'string') return '';
      let out = escapeHtml(op.insert);
      const a = op.attributes ?? {};
      if (a.code) out = `<code>${out}</code>`;
      if (a.bold) out = `<strong>${out}</strong>`;
      if (a.italic) out = `<em>${out}</em>`;
      if (a.strike) out = `<s>${out}</s>`;
      const href = safeHref((a.link as Record<string, unknown> | undefined)?.href);
      if (href) out = `<a href="${escapeHtml(href)}">${out}</a>`;
      return out;
    })
    .join('');
}

function inlineMarkdown(node: Y.XmlText): string {
  return (node.toDelta() as Delta)
    .map((op) => {
      if (typeof op.insert !== 'string') return '';
      let out = op.insert.replace(/([\\`*_[\]])/g, '\\$1');
      const a = op.attributes ?? {};
      if (a.code) out = `\`${op.insert}\``;
      if (a.bold) out = `**${out}**`;
      if (a.italic) out = `*${out}*`;
      if (a.strike) out = `~~${out}~~`;
      const href = safeHref((a.link as Record<string, unknown> | undefined)?.href);
      if (href) out = `[${out}](${href})`;
      return out;
    })
    .join('');
}

function html(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return inlineHtml(node);
  const inner = () => children(node).map(html).join('');
  switch (node.nodeName) {
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1));
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList':
      return `<ol>${inner()}</ol>`;
    case 'listItem':
      return `<li>${inner()}</li>`;
    // The data attributes are the editor's own (Tiptap's task list), so an exported version opens in the
    // editor's schema with its ticks; the disabled checkbox shows them in any browser.
    case 'taskList':
      return `<ul data-type="taskList" class="checklist">${inner()}</ul>`;
    case 'taskItem':
      return `<li data-type="taskItem" data-checked="${isChecked(node)}"><input type="checkbox" disabled${isChecked(node) ? ' checked' : ''}> ${inner()}</li>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${inner()}</code></pre>`;
    case 'horizontalRule':
      return '<hr>';
    case 'hardBreak':
      return '<br>';
    case 'table':
      return `<table>${inner()}</table>`;
    case 'tableRow':
      return `<tr>${inner()}</tr>`;
    case 'tableHeader':
      return `<th>${inner()}</th>`;
    case 'tableCell':
      return `<td>${inner()}</td>`;
    default:
      return inner();
  }
}

function markdown(node: Y.XmlElement | Y.XmlText, indent: string): string {
  if (node instanceof Y.XmlText) return inlineMarkdown(node);
  const inline = () =>
    children(node)
      .map((c) => markdown(c, indent))
      .join('');
  switch (node.nodeName) {
    case 'paragraph':
      return inline();
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(1, Number(node.getAttribute('level')) || 1)))} ${inline()}`;
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      return children(node)
        .map((item, i) => {
          const marker =
            node.nodeName === 'orderedList'
              ? `${i + 1}.`
              : node.nodeName === 'taskList'
                ? `- [${isChecked(item as Y.XmlElement) ? 'x' : ' '}]`
                : '-';
          const body = children(item as Y.XmlElement)
            .map((c) => markdown(c, `${indent}  `))
            .join(`\n${indent}  `);
          return `${indent}${marker} ${body}`;
        })
        .join('\n');
    case 'blockquote':
      return children(node)
        .map((c) => `> ${markdown(c, indent)}`)
        .join('\n>\n');
    case 'codeBlock':
      return (
        '```\n' +
        node
          .toArray()
          .map((c) => (c instanceof Y.XmlText ? c.toString() : ''))
          .join('') +
        '\n```'
      );
    case 'horizontalRule':
      return '---';
    case 'hardBreak':
      return '  \n';
    case 'table': {
      const rows = children(node).map((row) =>
        children(row as Y.XmlElement).map((cell) =>
          children(cell as Y.XmlElement)
            .map((c) => markdown(c, ''))
            .join(' ')
            .replace(/\|/g, '\\|'),
        ),
      );
      if (!rows.length) return '';
      const header = `| ${rows[0].join(' | ')} |`;
      const rule = `| ${rows[0].map(() => '---').join(' | ')} |`;
      return [header, rule, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');
    }
    default:
      return inline();
  }
}

function text(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText)
    return (node.toDelta() as Delta).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  const parts = children(node).map(text);
  const block = ['paragraph', 'heading', 'listItem', 'taskItem', 'tableRow', 'blockquote', 'codeBlock'].includes(
    node.nodeName,
  );
  const joiner = node.nodeName === 'tableRow' ? '\t' : block ? '' : '\n';
  const out = parts.join(joiner);
  return block ? `${out}\n` : out;
}

function isChecked(node: Y.XmlElement): boolean {
  const checked = node.getAttribute('checked') as unknown;
  return checked === true || checked === 'true';
}
