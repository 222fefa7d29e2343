import { createArchivalPdf, PDF_FONTS, printable, Tags } from '@koers/core';
import { Block, Inline, inlineText } from './document-blocks';

const MARGIN = 56;
const SIZES = [18, 15, 13, 12, 11, 11];

/**
 * A document as an archival PDF (PDF/A-2a, tagged; libs/core/src/pdf/archival-pdf.ts): headings, paragraphs,
 * lists with their markers as labels, checklists, tables with header cells, quotes and code. Inline marks are
 * kept as plain text (a link as its text with the address after it), which is what an archive needs.
 */
export function renderDocumentPdf(title: string, blocks: Block[]): Promise<Buffer> {
  const { doc, tags, finish } = createArchivalPdf({
    title,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
  });
  for (const block of blocks) draw(doc, tags, block, 0);
  return finish();
}

const plain = (inlines: Inline[]) =>
  printable(
    inlines
      .map((i) => ('lineBreak' in i ? '\n' : i.href && i.href !== i.text ? `${i.text} (${i.href})` : i.text))
      .join(''),
  );

function draw(doc: PDFKit.PDFDocument, tags: Tags, block: Block, indent: number): void {
  const left = doc.page.margins.left + indent;
  const width = doc.page.width - doc.page.margins.right - left;
  const text = (value: string, font: string, size: number, x = left, w = width) =>
    doc.font(font).fontSize(size).fillColor('#1a1a1a').text(value, x, doc.y, { width: w, lineGap: 2 });
  switch (block.type) {
    case 'heading':
      doc.moveDown(0.5);
      tags.leaf(`H${block.level}`, () => text(plain(block.inlines), PDF_FONTS.bold, SIZES[block.level - 1]));
      doc.moveDown(0.2);
      return;
    case 'paragraph':
      tags.leaf('P', () => text(plain(block.inlines), PDF_FONTS.body, 10.5));
      doc.moveDown(0.3);
      return;
    case 'list':
      tags.group('L', () =>
        block.items.forEach((item, index) =>
          tags.group('LI', () => {
            const label =
              block.kind === 'ordered' ? `${index + 1}.` : block.kind === 'task' ? (item.checked ? '☒' : '☐') : '•';
            const y = doc.y;
            tags.leaf('Lbl', () => text(label, PDF_FONTS.body, 10.5, left, 18));
            doc.y = y;
            tags.group('LBody', () => {
              for (const child of item.blocks) {
                if (child.type === 'paragraph')
                  tags.leaf('P', () => text(plain(child.inlines), PDF_FONTS.body, 10.5, left + 20, width - 20));
                else draw(doc, tags, child, indent + 20);
              }
            });
          }),
        ),
      );
      doc.moveDown(0.3);
      return;
    case 'blockquote':
      tags.group('BlockQuote', () => block.blocks.forEach((child) => draw(doc, tags, child, indent + 20)));
      return;
    case 'code':
      tags.leaf('Code', () => text(printable(block.text), PDF_FONTS.mono, 9.5));
      doc.moveDown(0.3);
      return;
    case 'rule':
      tags.artifact(() =>
        doc
          .moveTo(left, doc.y + 4)
          .lineTo(left + width, doc.y + 4)
          .lineWidth(0.5)
          .strokeColor('#b3b3b3')
          .stroke(),
      );
      doc.moveDown(0.6);
      return;
    case 'table': {
      const columns = Math.max(1, ...block.rows.map((r) => r.length));
      const cellWidth = width / columns;
      tags.group('Table', () =>
        block.rows.forEach((row) => {
          const cells = row.map((c) => ({ header: c.header, text: printable(cellText(c.blocks)) }));
          doc.fontSize(10);
          const height =
            Math.max(12, ...cells.map((c) => doc.heightOfString(c.text || ' ', { width: cellWidth - 8 }))) + 8;
          if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
          const y = doc.y;
          tags.group('TR', () =>
            cells.forEach((cell, i) =>
              tags.leaf(
                cell.header ? 'TH' : 'TD',
                () =>
                  doc
                    .font(cell.header ? PDF_FONTS.bold : PDF_FONTS.body)
                    .fontSize(10)
                    .fillColor('#1a1a1a')
                    .text(cell.text, left + i * cellWidth + 4, y + 4, { width: cellWidth - 8 }),
                cell.header ? { scope: 'Column' } : {},
              ),
            ),
          );
          tags.artifact(() =>
            doc
              .rect(left, y, cellWidth * columns, height)
              .lineWidth(0.5)
              .strokeColor('#767676')
              .stroke(),
          );
          doc.y = y + height;
        }),
      );
      doc.x = doc.page.margins.left;
      doc.moveDown(0.5);
      return;
    }
  }
}

function cellText(blocks: Block[]): string {
  return blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.inlines) : '')).join('\n');
}
