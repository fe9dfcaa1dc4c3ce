import type { Column } from './export-columns.js';

/** A cell as CSV text: dates as ISO, formulas defused, quoted when needed. */
function csvCell(value: ReturnType<Column<unknown>['value']>, kind: Column<unknown>['kind']): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date)
    text =
      kind === 'date' ? value.toISOString().slice(0, 10) : value.toISOString().slice(0, 16).replace('T', ' ');
  else text = String(value);
  // why: spreadsheet apps run a cell starting with = + - @ as a formula (CSV injection); people type these.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV (RFC 4180, CRLF, UTF-8 with BOM so Excel reads the accents) of rows under the columns' headers. */
export function toCsv<T>(columns: Column<T>[], rows: T[], timeZone: string): Buffer {
  const lines = [columns.map((c) => csvCell(c.header, 'text')).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row, timeZone), c.kind)).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
