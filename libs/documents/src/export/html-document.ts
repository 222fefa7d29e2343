import { escapeHtml } from '@koers/core';
import { Block, Inline } from './document-blocks';

/** A little CSS for reading on screen and on paper (A4, no broken table rows, link targets printed). */
const STYLE = `
body { font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5, h6 { color: #1f4e79; line-height: 1.25; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
ul.checklist { list-style: none; padding-left: 0.5rem; }
ul.checklist input { margin-right: 0.5rem; }
blockquote { border-left: 4px solid #b3b3b3; margin-left: 0; padding-left: 1rem; }
pre { white-space: pre-wrap; background: #f2f2f2; padding: 0.5rem; }
a { color: #0b4f8a; }
@media print {
  @page { size: A4; margin: 2cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  tr, li, pre, blockquote { break-inside: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; }
}`;

/**
 * A complete, standalone HTML document (doctype, Dutch language, UTF-8, title, print CSS) of a document's
 * content: opened from a download it shows the right characters, reads aloud in Dutch and prints on A4.
 * Checklist boxes are labelled by their item's text.
 */
export function renderHtmlDocument(title: string, blocks: Block[], meta: { generatedAt?: string } = {}): string {
  const ids = { next: 1 };
  const body = blocks.map((b) => block(b, ids)).join('\n');
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Koers">${meta.generatedAt ? `\n<meta name="dcterms.modified" content="${escapeHtml(meta.generatedAt)}">` : ''}
<title>${escapeHtml(title.trim() || 'Document')}</title>
<style>${STYLE}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function inline(inlines: Inline[]): string {
  return inlines
    .map((i) => {
      if ('lineBreak' in i) return '<br>';
      let out = escapeHtml(i.text);
      if (i.code) out = `<code>${out}</code>`;
      if (i.bold) out = `<strong>${out}</strong>`;
      if (i.italic) out = `<em>${out}</em>`;
      if (i.strike) out = `<s>${out}</s>`;
      if (i.href) out = `<a href="${escapeHtml(i.href)}">${out}</a>`;
      return out;
    })
    .join('');
}

function block(b: Block, ids: { next: number }): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inline(b.inlines)}</p>`;
    case 'heading':
      return `<h${b.level}>${inline(b.inlines)}</h${b.level}>`;
    case 'list': {
      if (b.kind === 'task')
        return `<ul class="checklist">\n${b.items
          .map((item) => {
            const id = `taak-${ids.next++}`;
            const [first, ...rest] = item.blocks;
            // The first paragraph is the box's label; further blocks (a nested list) follow it.
            const label =
              first && (first.type === 'paragraph' || first.type === 'heading') ? inline(first.inlines) : '';
            const more = (label || !first ? rest : item.blocks).map((c) => block(c, ids)).join('');
            const state = item.checked ? 'afgevinkt' : 'niet afgevinkt';
            return `<li><input type="checkbox" id="${id}" disabled${item.checked ? ' checked' : ''}> <label for="${id}">${label || state}</label>${more}</li>`;
          })
          .join('\n')}\n</ul>`;
      const tag = b.kind === 'ordered' ? 'ol' : 'ul';
      return `<${tag}>\n${b.items.map((item) => `<li>${item.blocks.map((c) => block(c, ids)).join('')}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'blockquote':
      return `<blockquote>${b.blocks.map((c) => block(c, ids)).join('\n')}</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
    case 'rule':
      return '<hr>';
    case 'table': {
      const [first, ...rest] = b.rows;
      if (!first) return '';
      const row = (cells: typeof first, scope: boolean) =>
        `<tr>${cells
          .map((c) =>
            c.header
              ? `<th${scope ? ' scope="col"' : ' scope="row"'}>${c.blocks.map((x) => block(x, ids)).join('')}</th>`
              : `<td>${c.blocks.map((x) => block(x, ids)).join('')}</td>`,
          )
          .join('')}</tr>`;
      const headed = first.every((c) => c.header);
      return headed
        ? `<table>\n<thead>${row(first, true)}</thead>\n<tbody>\n${rest.map((r) => row(r, false)).join('\n')}\n</tbody>\n</table>`
        : `<table>\n<tbody>\n${b.rows.map((r) => row(r, false)).join('\n')}\n</tbody>\n</table>`;
    }
  }
}
