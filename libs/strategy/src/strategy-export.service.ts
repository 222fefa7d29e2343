import { Injectable } from '@nestjs/common';
import { STRATEGY_STATUS_LABELS } from '@koers/contracts';
import type { Actor } from '@koers/access';
import { Block, htmlBlocks, Inline, renderDocumentPdf, renderDocx } from '@koers/documents';
import { StrategyRepository } from './strategy.repository';
import { StrategyService, StrategyWithThemes } from './strategy.service';

export const STRATEGY_EXPORT_FORMATS = ['docx', 'pdf'] as const;
export type StrategyExportFormat = (typeof STRATEGY_EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<StrategyExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

const day = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const text = (value: string, marks: Partial<Extract<Inline, { text: string }>> = {}): Inline => ({
  text: value,
  ...marks,
});

/**
 * The strategy as one document (DOCX or archival PDF), rendered by the document exporters: its facts, its vision,
 * its themes with their descriptions and focus areas, and its trends, principles and criteria, the rich texts
 * with their bold, italic, lists and links (libs/documents html-blocks.ts). Readable by everyone signed in.
 */
@Injectable()
export class StrategyExportService {
  constructor(
    private readonly strategies: StrategyService,
    private readonly repository: StrategyRepository,
  ) {}

  async export(actor: Actor, id: string, format: StrategyExportFormat) {
    const strategy = await this.strategies.get(actor, id);
    const blocks = strategyBlocks(strategy, await this.repository.themeWords());
    const data =
      format === 'docx' ? await renderDocx(strategy.title, blocks) : await renderDocumentPdf(strategy.title, blocks);
    const filename = `${strategy.title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'strategie'}.${format}`;
    return { filename, data, contentType: CONTENT_TYPES[format] };
  }
}

export function strategyBlocks(s: StrategyWithThemes, words: { themeSingular: string; themePlural: string }): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 1, inlines: [text(s.title)] }];
  const facts = [
    `Periode: ${day(s.periodStart)} tot en met ${day(s.periodEnd)}`,
    `Status: ${STRATEGY_STATUS_LABELS[s.status] ?? s.status}`,
    ...(s.adoptedOn ? [`Vastgesteld op ${day(s.adoptedOn)}${s.adoptedBy ? ` door ${s.adoptedBy}` : ''}`] : []),
  ];
  blocks.push({ type: 'paragraph', inlines: [text(facts.join('. ') + '.')] });
  if (s.motto) blocks.push({ type: 'paragraph', inlines: [text(`“${s.motto}”`, { italic: true })] });
  const section = (heading: string, html: string) => {
    const body = htmlBlocks(html ?? '');
    if (body.length) blocks.push({ type: 'heading', level: 2, inlines: [text(heading)] }, ...body);
  };
  section('Visie', s.vision);
  const themes = s.themes.filter((t) => !t.archivedAt).sort((a, b) => a.position - b.position);
  if (themes.length) blocks.push({ type: 'heading', level: 2, inlines: [text(capital(words.themePlural))] });
  themes.forEach((theme, index) => {
    blocks.push({
      type: 'heading',
      level: 3,
      inlines: [text(`${capital(words.themeSingular)} ${index + 1}: ${theme.title}`)],
    });
    blocks.push(...htmlBlocks(theme.description ?? ''));
    const areas = theme.focusAreas.filter((f) => !f.archivedAt).sort((a, b) => a.position - b.position);
    if (areas.length)
      blocks.push({
        type: 'list',
        kind: 'ordered',
        items: areas.map((area) => ({
          blocks: [
            { type: 'paragraph', inlines: [text(area.title, { bold: true })] },
            ...htmlBlocks(area.description ?? ''),
          ],
        })),
      });
  });
  section('Trends en ontwikkelingen', s.trends);
  section('Uitgangspunten', s.principles);
  section('Selectiecriteria', s.selectionCriteria);
  return blocks;
}
