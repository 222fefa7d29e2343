import { MigrationInterface, QueryRunner } from 'typeorm';

/** Escaped lines of a text column as list items (`points`) or paragraphs, in SQL: plain text becomes rich text. */
function toHtml(column: string, shape: 'points' | 'paragraphs'): string {
  const line = `replace(replace(replace(btrim(l), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
  const item = shape === 'points' ? `'<li><p>' || ${line} || '</p></li>'` : `'<p>' || ${line} || '</p>'`;
  const [open, close] = shape === 'points' ? [`'<ul>' || `, ` || '</ul>'`] : ['', ''];
  return `coalesce((SELECT ${open}string_agg(${item}, '' ORDER BY n)${close}
            FROM unnest(string_to_array(${column}, E'\\n')) WITH ORDINALITY AS x(l, n) WHERE btrim(l) <> ''), '')`;
}

const plain = (column: string) => `${column} <> '' AND ${column} !~ '<[a-zA-Z/]'`;

/**
 * Strategy texts as rich text (issue #14): the vision, trends, principles and selection criteria of a strategy
 * and the descriptions of its themes and (new) focus areas are stored as sanitised HTML (libs/core rich-text.ts).
 * Existing plain text is converted as the screens showed it: the strategy's points one list item per line, a
 * theme's description one paragraph per line.
 */
export class RichStrategyTexts1765193000100 implements MigrationInterface {
  name = 'RichStrategyTexts1765193000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE strategies ADD COLUMN vision text NOT NULL DEFAULT '';
      ALTER TABLE focus_areas ADD COLUMN description text NOT NULL DEFAULT '';
      UPDATE strategies SET trends = ${toHtml('trends', 'points')} WHERE ${plain('trends')};
      UPDATE strategies SET principles = ${toHtml('principles', 'points')} WHERE ${plain('principles')};
      UPDATE strategies SET selection_criteria = ${toHtml('selection_criteria', 'points')} WHERE ${plain('selection_criteria')};
      UPDATE themes SET description = ${toHtml('description', 'paragraphs')} WHERE ${plain('description')};
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE focus_areas DROP COLUMN description;
      ALTER TABLE strategies DROP COLUMN vision;
    `);
  }
}
