import { escapeHtml } from '@koers/core';
import type { ExportFormat, TextExportFormat } from '@koers/contracts';
import * as Y from 'yjs';
import { EDITOR_FRAGMENT } from './document.model';
import { documentBlocks } from './export/document-blocks';
import { renderDocx, renderOdt } from './export/file-writers';
import { renderHtmlDocument } from './export/html-document';
import { renderMarkdown } from './export/markdown';

export type { ExportFormat, TextExportFormat } from '@koers/contracts';

/**
 * A document as a file to download: a complete HTML page, CommonMark, plain text, DOCX or ODT. (The HTML
 * fragment of `exportDocument` stays what version views and frozen report narratives use.)
 */
export async function exportFile(doc: Y.Doc, title: string, format: ExportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'html':
      return renderHtmlDocument(title, documentBlocks(doc));
    case 'docx':
      return renderDocx(title, documentBlocks(doc));
    case 'odt':
      return renderOdt(title, documentBlocks(doc));
    default:
      return exportDocument(doc, format);
  }
}

type Delta = Array<{
  insert: string | object;
  attributes?: Record<string, Record<string, unknown> | boolean | undefined>;
}>;

const safeHref = (href: unknown) => (typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : null);

/**
 * Renders the editor's document (Tiptap/ProseMirror nodes stored in a Y.XmlFragment) as HTML, Markdown or
 * plain text, on the server, with the same node names the editor uses.
 */
export function exportDocument(doc: Y.Doc, format: TextExportFormat): string {
  const fragment = doc.getXmlFragment(EDITOR_FRAGMENT);
  const blocks = children(fragment);
  if (format === 'html') return blocks.map(html).join('\n');
  if (format === 'md') return renderMarkdown(documentBlocks(doc));
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
