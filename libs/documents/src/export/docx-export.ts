import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { Block, Inline } from './document-blocks';

/**
 * A document as Office Open XML (.docx), written with the `docx` library (well kept, typed, no native parts):
 * Word's own heading styles (so the navigation pane and a table of contents find them), real numbered and
 * bulleted lists, checklists with ☒/☐, tables with a repeated header row, and links. Dutch is the language of
 * the text (spelling check, read aloud).
 */
export async function renderDocx(title: string, blocks: Block[]): Promise<Buffer> {
  const state = { lists: 0 };
  const document = new Document({
    title,
    creator: 'Koers',
    description: 'Geëxporteerd uit Koers',
    styles: {
      default: { document: { run: { language: { value: 'nl-NL' }, font: 'Calibri', size: 22 } } },
      characterStyles: [
        { id: 'Hyperlink', name: 'Hyperlink', run: { color: '0B4F8A', underline: { type: 'single' } } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullets', levels: levels(LevelFormat.BULLET) },
        { reference: 'numbers', levels: levels(LevelFormat.DECIMAL) },
      ],
    },
    sections: [{ children: blocks.flatMap((b) => block(b, 0, state)) }],
  });
  return Packer.toBuffer(document);
}

function levels(format: (typeof LevelFormat)[keyof typeof LevelFormat]) {
  return [0, 1, 2, 3, 4, 5].map((level) => ({
    level,
    format,
    text: format === LevelFormat.BULLET ? ['•', '◦', '▪'][level % 3] : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

function runs(inlines: Inline[]): ParagraphChild[] {
  return inlines.map((i) => {
    if ('lineBreak' in i) return new TextRun({ text: '', break: 1 });
    const run = new TextRun({
      text: i.text,
      bold: i.bold,
      italics: i.italic,
      strike: i.strike,
      font: i.code ? 'Consolas' : undefined,
      style: i.href ? 'Hyperlink' : undefined,
    });
    return i.href ? new ExternalHyperlink({ link: i.href, children: [run] }) : run;
  });
}

type Output = Paragraph | Table;

function block(b: Block, depth: number, state: { lists: number }): Output[] {
  switch (b.type) {
    case 'paragraph':
      return [new Paragraph({ children: runs(b.inlines) })];
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.inlines) })];
    case 'list': {
      const instance = ++state.lists;
      return b.items.flatMap((item) =>
        item.blocks.flatMap((child, index) => {
          if (child.type !== 'paragraph' && child.type !== 'heading') return block(child, depth + 1, state);
          const children = runs(child.inlines);
          if (b.kind === 'task') {
            const box = index === 0 ? `${item.checked ? '☒' : '☐'} ` : '';
            return [
              new Paragraph({
                indent: { left: 720 * (depth + 1), hanging: index === 0 ? 360 : 0 },
                children: [new TextRun({ text: box }), ...children],
              }),
            ];
          }
          if (index > 0) return [new Paragraph({ indent: { left: 720 * (depth + 1) }, children })];
          return [
            new Paragraph({
              numbering: { reference: b.kind === 'ordered' ? 'numbers' : 'bullets', level: depth, instance },
              children,
            }),
          ];
        }),
      );
    }
    case 'blockquote':
      return b.blocks.flatMap((c) => block(c, depth, state));
    case 'code':
      return b.text.split('\n').map(
        (line) =>
          new Paragraph({
            children: [new TextRun({ text: line, font: 'Consolas' })],
            shading: { fill: 'F2F2F2' },
          }),
      );
    case 'rule':
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'B3B3B3', space: 1 } } })];
    case 'table': {
      const width = Math.max(1, ...b.rows.map((r) => r.length));
      if (!b.rows.length) return [];
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(
            (row, index) =>
              new TableRow({
                tableHeader: (index === 0 && row.every((c) => c.header)) || undefined,
                cantSplit: true,
                children: [...row, ...Array(width - row.length).fill({ header: false, blocks: [] })].map(
                  (cell: { header: boolean; blocks: Block[] }) =>
                    new TableCell({
                      width: { size: Math.floor(100 / width), type: WidthType.PERCENTAGE },
                      children: cellContent(cell, state),
                    }),
                ),
              }),
          ),
        }),
        // Word needs a paragraph between two tables, and one after a table at the end.
        new Paragraph({}),
      ];
    }
  }
}

function cellContent(cell: { header: boolean; blocks: Block[] }, state: { lists: number }): Output[] {
  const out = cell.blocks.flatMap((c) =>
    cell.header && c.type === 'paragraph'
      ? [new Paragraph({ children: runs(c.inlines.map((i) => ('lineBreak' in i ? i : { ...i, bold: true }))) })]
      : block(c, 0, state),
  );
  return out.length ? out : [new Paragraph({})];
}
