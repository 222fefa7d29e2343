import axe from 'axe-core';
import { Parser as CommonMarkParser, Node as CommonMarkNode } from 'commonmark';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import { JSDOM } from 'jsdom';
import mammoth from 'mammoth';
import * as yauzl from 'yauzl';
import * as Y from 'yjs';
import { EDITOR_FRAGMENT } from '../document.model';
import { Block, documentBlocks } from './document-blocks';
import { renderDocx } from './docx-export';
import { renderHtmlDocument } from './html-document';
import { renderMarkdown } from './markdown';
import { renderOdt } from './odt-export';

type Marks = Record<string, unknown>;
const text = (...runs: Array<string | [string, Marks]>) => {
  const node = new Y.XmlText();
  let at = 0;
  for (const run of runs) {
    const [value, marks] = typeof run === 'string' ? [run, undefined] : run;
    node.insert(at, value, marks ?? {});
    at += value.length;
  }
  return node;
};
const element = (name: string, children: Array<Y.XmlElement | Y.XmlText>, attributes: Record<string, unknown> = {}) => {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
};
const p = (...runs: Array<string | [string, Marks]>) => element('paragraph', [text(...runs)]);

/** A document as the editor stores it, with every kind of block the exports must carry. */
function richDocument(): Y.Doc {
  const doc = new Y.Doc();
  doc
    .getXmlFragment(EDITOR_FRAGMENT)
    .insert(0, [
      element('heading', [text('Tabel <test>')], { level: 1 }),
      p(
        'Zie ',
        ['de strategie', { link: { href: 'https://example.nl/rvs?a=1&b=2' } }],
        ' en ',
        ['vet', { bold: true }],
        '.',
      ),
      p('<script>alert("x")</script> *sterren* en _strepen_ & &amp; [haak](x) `code`'),
      element('heading', [text('Aanpak')], { level: 2 }),
      element('bulletList', [element('listItem', [p('Eerste punt')]), element('listItem', [p('Tweede punt')])]),
      element('orderedList', [element('listItem', [p('Stap een')]), element('listItem', [p('Stap twee')])]),
      element('taskList', [
        element('taskItem', [p('Convenant ondertekend')], { checked: true }),
        element('taskItem', [p('Signaaltafel ingericht')], { checked: false }),
      ]),
      element('table', [
        element('tableRow', [element('tableHeader', [p('Partner')]), element('tableHeader', [p('Rol')])]),
        element('tableRow', [
          element('tableCell', [p('Politie')]),
          element('tableCell', [p('Signalering | opvolging')]),
        ]),
      ]),
      element('paragraph', [text('Regel een'), element('hardBreak', []), text('- regel twee')]),
    ]);
  return doc;
}

function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('document exports', () => {
  const blocks = documentBlocks(richDocument());

  it('reads the editor tree into blocks, leaving unsafe links out', () => {
    expect(blocks.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'list',
      'list',
      'list',
      'table',
      'paragraph',
    ]);
    const doc = new Y.Doc();
    doc.getXmlFragment(EDITOR_FRAGMENT).insert(0, [p(['klik', { link: { href: 'javascript:alert(1)' } }])]);
    expect(documentBlocks(doc)).toEqual([{ type: 'paragraph', inlines: [{ text: 'klik' }] }]);
  });

  describe('HTML', () => {
    const html = renderHtmlDocument('Plan van aanpak <2026>', blocks);

    it('is a complete Dutch UTF-8 document with a title and print CSS', () => {
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<title>Plan van aanpak &lt;2026&gt;</title>');
      expect(html).toContain('@media print');
      expect(html).toContain('&lt;script&gt;');
      expect(html).not.toContain('<script>');
    });

    it('passes an HTML validator', () => {
      const report = new HtmlValidate({ extends: ['html-validate:recommended'] }).validateStringSync(html);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
      expect(report.valid).toBe(true);
    });

    it('passes axe-core (WCAG 2.1 A and AA) with labelled checkboxes', async () => {
      const dom = new JSDOM(html, { runScripts: 'outside-only', pretendToBeVisual: true });
      dom.window.eval(axe.source);
      const windowAxe = (dom.window as unknown as { axe: typeof axe }).axe;
      const result = await windowAxe.run(dom.window.document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        rules: { 'color-contrast': { enabled: false } },
      });
      expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      const boxes = [...dom.window.document.querySelectorAll('input[type=checkbox]')];
      expect(boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
        'Convenant ondertekend',
        'Signaaltafel ingericht',
      ]);
      expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, false]);
      dom.window.close();
    });
  });

  describe('Markdown', () => {
    const markdown = renderMarkdown(blocks);
    const parsed = new CommonMarkParser().parse(markdown);
    const textOf = (node: CommonMarkNode): string => {
      let out = '';
      const walker = node.walker();
      let event;
      while ((event = walker.next())) {
        if (!event.entering) continue;
        const n = event.node;
        if (n.type === 'text' || n.type === 'code') out += n.literal;
        if (n.type === 'softbreak' || n.type === 'linebreak') out += '\n';
        if (n.type === 'html_inline' || n.type === 'html_block') out += `[HTML:${n.literal}]`;
      }
      return out;
    };
    const children = (node: CommonMarkNode) => {
      const out: CommonMarkNode[] = [];
      for (let c = node.firstChild; c; c = c.next) out.push(c);
      return out;
    };

    it('gives text back literally through a CommonMark parser, with no HTML in it', () => {
      const top = children(parsed);
      expect(top[0].type).toBe('heading');
      expect(textOf(top[0])).toBe('Tabel <test>');
      expect(textOf(top[2])).toBe('<script>alert("x")</script> *sterren* en _strepen_ & &amp; [haak](x) `code`');
      expect(textOf(parsed)).not.toContain('[HTML:');
      expect(textOf(top[8])).toBe('Regel een\n- regel twee');
    });

    it('keeps the structure: link, emphasis, lists, checklist, table', () => {
      const top = children(parsed);
      const link = children(top[1]).find((n) => n.type === 'link');
      expect(link?.destination).toBe('https://example.nl/rvs?a=1&b=2');
      expect(children(top[1]).some((n) => n.type === 'strong')).toBe(true);
      expect(top[4].type).toBe('list');
      expect(top[4].listType).toBe('bullet');
      expect(top[5].listType).toBe('ordered');
      expect(markdown).toContain('- [x] Convenant ondertekend');
      expect(markdown).toContain('- [ ] Signaaltafel ingericht');
      expect(markdown).toContain('| Politie | Signalering \\| opvolging |');
    });

    it('escapes any line of text so that CommonMark reads it back as that text', () => {
      fc.assert(
        fc.property(
          fc.string({
            unit: fc.constantFrom(...'ab 1.)#-+=>*_`[]()<>&;!~|\\éÉ\t'.split('')),
            minLength: 1,
            maxLength: 30,
          }),
          (value) => {
            const source: Block[] = [{ type: 'paragraph', inlines: [{ text: value }] }];
            const out = new CommonMarkParser().parse(renderMarkdown(source));
            const normalised = value.replace(/\t/g, ' ').trim();
            fc.pre(normalised.length > 0);
            expect(textOf(out).replace(/\t/g, ' ').trim()).toBe(normalised);
            expect(children(out).map((n) => n.type)).toEqual(['paragraph']);
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('DOCX', () => {
    it('reads back with mammoth with headings, lists, checklist, table and link', async () => {
      const docx = await renderDocx('Plan van aanpak', blocks);
      const { value: html, messages } = await mammoth.convertToHtml({ buffer: docx });
      expect(messages.filter((m) => m.type === 'error')).toEqual([]);
      expect(html).toContain('<h1>Tabel &lt;test&gt;</h1>');
      expect(html).toContain('<h2>Aanpak</h2>');
      expect(html).toMatch(/<ul><li>Eerste punt<\/li><li>Tweede punt<\/li><\/ul>/);
      expect(html).toMatch(/<ol><li>Stap een<\/li><li>Stap twee<\/li><\/ol>/);
      expect(html).toContain('☒ Convenant ondertekend');
      expect(html).toContain('☐ Signaaltafel ingericht');
      expect(html).toMatch(/<table>.*Partner.*Rol.*Politie.*Signalering \| opvolging.*<\/table>/s);
      expect(html).toContain('<a href="https://example.nl/rvs?a=1&amp;b=2">de strategie</a>');
      expect(html).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
      const files = await unzip(docx);
      expect(files.get('docProps/core.xml')?.toString()).toContain('<dc:title>Plan van aanpak</dc:title>');
      expect(files.get('word/styles.xml')?.toString()).toContain('w:val="nl-NL"');
    });
  });

  describe('ODT', () => {
    it('is an OpenDocument package whose XML has headings, lists, checklist, table and link', async () => {
      const odt = await renderOdt('Plan van aanpak', blocks);
      // The mimetype entry comes first, stored, without an extra field: readable at a fixed offset.
      expect(odt.subarray(30, 38).toString()).toBe('mimetype');
      expect(odt.subarray(38, 38 + 39).toString()).toBe('application/vnd.oasis.opendocument.text');
      const files = await unzip(odt);
      expect([...files.keys()].sort()).toEqual(
        ['META-INF/manifest.xml', 'content.xml', 'meta.xml', 'mimetype', 'styles.xml'].sort(),
      );
      const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: false });
      for (const name of ['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml'])
        expect(() => parser.parse(files.get(name) as Buffer)).not.toThrow();
      const meta = parser.parse(files.get('meta.xml') as Buffer);
      expect(meta['office:document-meta']['office:meta']['dc:title']).toBe('Plan van aanpak');
      expect(meta['office:document-meta']['office:meta']['dc:language']).toBe('nl-NL');

      const content = parser.parse(files.get('content.xml') as Buffer);
      const body = content['office:document-content']['office:body']['office:text'];
      const headings = [body['text:h']].flat();
      expect(headings.map((h: Record<string, unknown>) => [h['@_text:outline-level'], h['#text']])).toEqual([
        ['1', 'Tabel <test>'],
        ['2', 'Aanpak'],
      ]);
      const lists = [body['text:list']].flat();
      expect(lists.map((l: Record<string, string>) => l['@_text:style-name'])).toEqual(['L_bullet', 'L_number']);
      const xml = (files.get('content.xml') as Buffer).toString();
      expect(xml).toContain('<text:a xlink:type="simple" xlink:href="https://example.nl/rvs?a=1&amp;b=2">');
      expect(xml).toContain('☒ Convenant ondertekend');
      expect(xml).toContain('☐ Signaaltafel ingericht');
      const table = body['table:table'];
      expect(table['table:table-header-rows']['table:table-row']['table:table-cell']).toHaveLength(2);
      expect(xml).toContain('Signalering | opvolging');
      expect(xml).toContain('&lt;script&gt;');
    });
  });
});
