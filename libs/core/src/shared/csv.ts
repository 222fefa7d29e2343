/**
 * CSV as Dutch spreadsheet programs read it: `;` separated, every field quoted, a BOM for UTF-8, and cells
 * that start with = + - @ prefixed with ' so no formula runs (CSV injection).
 */
export function toCsv(rows: unknown[][]): string {
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  };
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
