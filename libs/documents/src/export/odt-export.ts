import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { Block, Inline, InlineRun, TableCell } from './document-blocks';
import { zipEntries } from './zip';

/**
 * A document as OpenDocument Text (.odt, ODF 1.3). No maintained npm library writes ODT from a document model
 * (what exists is tied to one editor or converts from HTML through LibreOffice), and the format is a ZIP of a
 * few XML files, so Koers writes the package itself: xmlbuilder2 for correct XML escaping and yazl for the ZIP
 * (the `mimetype` entry first and stored, as the specification requires). Headings use the outline levels and
 * the standard "Heading n" styles, lists are real lists, checklists carry ☒/☐, tables have header rows.
 */

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  dc: 'http://purl.org/dc/elements/1.1/',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
} as const;
const MIMETYPE = 'application/vnd.oasis.opendocument.text';
const xmlns = (...prefixes: Array<keyof typeof NS>) => Object.fromEntries(prefixes.map((p) => [`xmlns:${p}`, NS[p]]));

export async function renderOdt(title: string, blocks: Block[], now = new Date()): Promise<Buffer> {
  return zipEntries(
    [
      { name: 'mimetype', data: Buffer.from(MIMETYPE), store: true },
      { name: 'content.xml', data: Buffer.from(content(blocks)) },
      { name: 'styles.xml', data: Buffer.from(styles()) },
      { name: 'meta.xml', data: Buffer.from(meta(title, now)) },
      { name: 'META-INF/manifest.xml', data: Buffer.from(manifest()) },
    ],
    now,
  );
}

function manifest(): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.manifest, 'manifest:manifest', {
    ...xmlns('manifest'),
    'manifest:version': '1.3',
  });
  root.ele('manifest:file-entry', {
    'manifest:full-path': '/',
    'manifest:version': '1.3',
    'manifest:media-type': MIMETYPE,
  });
  for (const path of ['content.xml', 'styles.xml', 'meta.xml'])
    root.ele('manifest:file-entry', { 'manifest:full-path': path, 'manifest:media-type': 'text/xml' });
  return root.end();
}

function meta(title: string, now: Date): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.office, 'office:document-meta', {
    ...xmlns('office', 'dc', 'meta'),
    'office:version': '1.3',
  });
  const m = root.ele('office:meta');
  m.ele('meta:generator').txt('Koers');
  m.ele('dc:title').txt(title);
  m.ele('dc:language').txt('nl-NL');
  m.ele('meta:creation-date').txt(now.toISOString().replace(/\.\d+Z$/, ''));
  return root.end();
}

const HEADING_SIZES = ['18pt', '15pt', '13pt', '12pt', '11pt', '11pt'];

function styles(): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.office, 'office:document-styles', {
    ...xmlns('office', 'style', 'text', 'fo'),
    'office:version': '1.3',
  });
  const s = root.ele('office:styles');
  s.ele('style:default-style', { 'style:family': 'paragraph' })
    .ele('style:text-properties', {
      'fo:language': 'nl',
      'fo:country': 'NL',
      'fo:font-family': "'DejaVu Sans', Arial, sans-serif",
      'fo:font-size': '11pt',
    })
    .up();
  s.ele('style:style', { 'style:name': 'Standard', 'style:family': 'paragraph', 'style:class': 'text' })
    .ele('style:paragraph-properties', { 'fo:margin-bottom': '0.2cm' })
    .up();
  s.ele('style:style', {
    'style:name': 'Heading',
    'style:family': 'paragraph',
    'style:parent-style-name': 'Standard',
    'style:next-style-name': 'Standard',
    'style:class': 'text',
  })
    .ele('style:paragraph-properties', { 'fo:margin-top': '0.42cm', 'fo:keep-with-next': 'always' })
    .up()
    .ele('style:text-properties', { 'fo:font-weight': 'bold', 'fo:color': '#1f4e79' });
  HEADING_SIZES.forEach((size, i) =>
    s
      .ele('style:style', {
        'style:name': `Heading_20_${i + 1}`,
        'style:display-name': `Heading ${i + 1}`,
        'style:family': 'paragraph',
        'style:parent-style-name': 'Heading',
        'style:default-outline-level': String(i + 1),
        'style:class': 'text',
      })
      .ele('style:text-properties', { 'fo:font-size': size }),
  );
  s.ele('style:style', {
    'style:name': 'Preformatted_20_Text',
    'style:display-name': 'Preformatted Text',
    'style:family': 'paragraph',
    'style:parent-style-name': 'Standard',
  }).ele('style:text-properties', { 'fo:font-family': "'DejaVu Sans Mono', monospace" });
  return root.end();
}

interface Context {
  textStyles: Map<string, Record<string, string>>;
  tables: number;
}

function content(blocks: Block[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.office, 'office:document-content', {
    ...xmlns('office', 'style', 'text', 'table', 'fo', 'xlink'),
    'office:version': '1.3',
  });
  const automatic = root.ele('office:automatic-styles');
  const body = root.ele('office:body').ele('office:text');
  const context: Context = { textStyles: new Map(), tables: 0 };
  for (const b of blocks) block(body, b, context);

  listStyle(automatic, 'L_bullet', false);
  listStyle(automatic, 'L_number', true);
  automatic
    .ele('style:style', {
      'style:name': 'P_checklist',
      'style:family': 'paragraph',
      'style:parent-style-name': 'Standard',
    })
    .ele('style:paragraph-properties', { 'fo:margin-left': '0.6cm' });
  automatic
    .ele('style:style', { 'style:name': 'P_quote', 'style:family': 'paragraph', 'style:parent-style-name': 'Standard' })
    .ele('style:paragraph-properties', { 'fo:margin-left': '1cm' });
  automatic
    .ele('style:style', { 'style:name': 'P_rule', 'style:family': 'paragraph', 'style:parent-style-name': 'Standard' })
    .ele('style:paragraph-properties', { 'fo:border-bottom': '0.5pt solid #b3b3b3' });
  automatic
    .ele('style:style', { 'style:name': 'Cell', 'style:family': 'table-cell' })
    .ele('style:table-cell-properties', { 'fo:border': '0.5pt solid #767676', 'fo:padding': '0.1cm' });
  for (const [name, properties] of context.textStyles)
    automatic
      .ele('style:style', { 'style:name': name, 'style:family': 'text' })
      .ele('style:text-properties', properties);
  return root.end();
}

function listStyle(parent: XMLBuilder, name: string, numbered: boolean): void {
  const style = parent.ele('text:list-style', { 'style:name': name });
  for (let level = 1; level <= 6; level++) {
    const attributes: Record<string, string> = numbered
      ? { 'text:level': String(level), 'style:num-suffix': '.', 'style:num-format': '1' }
      : { 'text:level': String(level), 'text:bullet-char': ['•', '◦', '▪'][(level - 1) % 3] };
    style
      .ele(numbered ? 'text:list-level-style-number' : 'text:list-level-style-bullet', attributes)
      .ele('style:list-level-properties', { 'text:list-level-position-and-space-mode': 'label-alignment' })
      .ele('style:list-level-label-alignment', {
        'text:label-followed-by': 'listtab',
        'fo:text-indent': '-0.635cm',
        'fo:margin-left': `${(0.635 * (level + 1)).toFixed(3)}cm`,
      });
  }
}

/** Text with ODF's whitespace rules: runs of spaces as <text:s>, tabs and newlines as elements. */
function appendText(parent: XMLBuilder, text: string): void {
  for (const part of text.split(/(\t|\n| {2,})/)) {
    if (!part) continue;
    if (part === '\t') parent.ele('text:tab');
    else if (part === '\n') parent.ele('text:line-break');
    else if (/^ {2,}$/.test(part)) {
      parent.txt(' ');
      parent.ele('text:s', { 'text:c': String(part.length - 1) });
    } else parent.txt(part);
  }
}

function textStyle(run: InlineRun, context: Context): string | null {
  const key = `${run.bold ? 'b' : ''}${run.italic ? 'i' : ''}${run.strike ? 's' : ''}${run.code ? 'c' : ''}${run.href ? 'l' : ''}`;
  if (!key) return null;
  const name = `T_${key}`;
  if (!context.textStyles.has(name)) {
    const properties: Record<string, string> = {};
    if (run.bold) properties['fo:font-weight'] = 'bold';
    if (run.italic) properties['fo:font-style'] = 'italic';
    if (run.strike) properties['style:text-line-through-style'] = 'solid';
    if (run.code) properties['fo:font-family'] = "'DejaVu Sans Mono', monospace";
    if (run.href) {
      properties['fo:color'] = '#0b4f8a';
      properties['style:text-underline-style'] = 'solid';
    }
    context.textStyles.set(name, properties);
  }
  return name;
}

function inlines(parent: XMLBuilder, list: Inline[], context: Context): void {
  for (const i of list) {
    if ('lineBreak' in i) {
      parent.ele('text:line-break');
      continue;
    }
    let target = parent;
    if (i.href) target = target.ele('text:a', { 'xlink:type': 'simple', 'xlink:href': i.href });
    const style = textStyle(i, context);
    if (style) target = target.ele('text:span', { 'text:style-name': style });
    appendText(target, i.text);
  }
}

function block(parent: XMLBuilder, b: Block, context: Context, paragraphStyle = 'Standard'): void {
  switch (b.type) {
    case 'paragraph':
      inlines(parent.ele('text:p', { 'text:style-name': paragraphStyle }), b.inlines, context);
      return;
    case 'heading':
      inlines(
        parent.ele('text:h', { 'text:style-name': `Heading_20_${b.level}`, 'text:outline-level': String(b.level) }),
        b.inlines,
        context,
      );
      return;
    case 'list': {
      if (b.kind === 'task') {
        for (const item of b.items)
          item.blocks.forEach((child, index) => {
            if (child.type === 'paragraph' && index === 0) {
              const p = parent.ele('text:p', { 'text:style-name': 'P_checklist' });
              p.txt(`${item.checked ? '☒' : '☐'} `);
              inlines(p, child.inlines, context);
            } else block(parent, child, context, 'P_checklist');
          });
        return;
      }
      const list = parent.ele('text:list', { 'text:style-name': b.kind === 'ordered' ? 'L_number' : 'L_bullet' });
      for (const item of b.items) {
        const li = list.ele('text:list-item');
        for (const child of item.blocks) block(li, child, context);
        if (!item.blocks.length) li.ele('text:p');
      }
      return;
    }
    case 'blockquote':
      for (const child of b.blocks) block(parent, child, context, 'P_quote');
      return;
    case 'code':
      appendText(parent.ele('text:p', { 'text:style-name': 'Preformatted_20_Text' }), b.text);
      return;
    case 'rule':
      parent.ele('text:p', { 'text:style-name': 'P_rule' });
      return;
    case 'table': {
      if (!b.rows.length) return;
      const width = Math.max(1, ...b.rows.map((r) => r.length));
      const table = parent.ele('table:table', { 'table:name': `Tabel${++context.tables}` });
      table.ele('table:table-column', { 'table:number-columns-repeated': String(width) });
      const headed = b.rows[0].every((c) => c.header);
      const row = (container: XMLBuilder, cells: TableCell[]) => {
        const tr = container.ele('table:table-row');
        for (let i = 0; i < width; i++) {
          const cell = cells[i];
          const td = tr.ele('table:table-cell', { 'table:style-name': 'Cell', 'office:value-type': 'string' });
          if (!cell?.blocks.length) td.ele('text:p');
          else for (const child of cell.blocks) block(td, child, context);
        }
      };
      if (headed) row(table.ele('table:table-header-rows'), b.rows[0]);
      for (const cells of headed ? b.rows.slice(1) : b.rows) row(table, cells);
      return;
    }
  }
}
