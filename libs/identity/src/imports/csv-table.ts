import { CsvError, parse } from 'csv-parse/sync';
import { validationFailed } from '@koers/core';

/** At most this many data rows per import (78 gemeenten, a region's people and memberships fit many times). */
export const MAX_IMPORT_ROWS = 5000;

/** A column of an import: its key, the header names it is recognised by, and whether it must be there. */
export interface ImportColumn<K extends string> {
  key: K;
  /** Dutch name shown in messages (and the first header it is known by). */
  label: string;
  /** Header names, compared without case, accents, spaces and punctuation ("E-mailadres" = "emailadres"). */
  headers: string[];
  required: boolean;
}

export interface CsvRow<K extends string> {
  /** The line in the file (the header is line 1), as a spreadsheet shows it. */
  line: number;
  values: Record<K, string>;
}

/** "E-mailadres" -> "emailadres", "Súdwest" -> "sudwest": for comparing headers and names. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Semicolon (Excel with Dutch settings), comma or tab: whichever the header line has most of, outside quotes. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

/**
 * Reads a CSV text (UTF-8, with or without BOM; semicolon, comma or tab separated; quoted fields as Excel
 * writes them) into rows keyed by the columns. A file that cannot be read as a table is a 400 that says why.
 */
export function readCsvTable<K extends string>(text: string, columns: Array<ImportColumn<K>>): Array<CsvRow<K>> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim().length === 0)
    throw validationFailed([{ field: 'csv', messages: ['Het bestand is leeg.'] }], 'Het bestand is leeg.');
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(body, {
      delimiter: detectDelimiter(body),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines;
    const message = `Het bestand is geen leesbare CSV${line ? ` (regel ${line})` : ''}: controleer de aanhalingstekens.`;
    throw validationFailed([{ field: 'csv', messages: [message] }], message);
  }
  // Rows of only separators (";;;" as Excel writes below a table) are empty too.
  const [header, ...data] = parsed.filter(({ record }) => record.some((cell) => cell.length > 0));
  const folded = header.record.map(fold);
  const index = new Map<K, number>();
  const missing: string[] = [];
  for (const column of columns) {
    const at = folded.findIndex((name) => column.headers.some((h) => fold(h) === name));
    if (at >= 0) index.set(column.key, at);
    else if (column.required) missing.push(column.label);
  }
  if (missing.length > 0) {
    const expected = columns.map((c) => c.label + (c.required ? '' : ' (mag ontbreken)')).join('; ');
    const message = `De eerste regel moet de kolomnamen geven. Er ontbreekt: ${missing.join(', ')}. Verwacht: ${expected}.`;
    throw validationFailed([{ field: 'csv', messages: [message] }], message);
  }
  if (data.length === 0)
    throw validationFailed([{ field: 'csv', messages: ['Het bestand heeft alleen kolomnamen en geen regels.'] }]);
  if (data.length > MAX_IMPORT_ROWS) {
    const message = `Lees hoogstens ${MAX_IMPORT_ROWS} regels tegelijk in; dit bestand heeft er ${data.length}.`;
    throw validationFailed([{ field: 'csv', messages: [message] }], message);
  }
  return data.map(({ record, info }) => ({
    // The line the record ends on, as a spreadsheet numbers it (the header is line 1).
    line: info.lines,
    values: Object.fromEntries(
      columns.map((c) => {
        const at = index.get(c.key);
        return [c.key, at === undefined ? '' : (record[at] ?? '')];
      }),
    ) as Record<K, string>,
  }));
}
