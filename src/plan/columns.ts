import { ImportError, type ImportIssue } from './import-error.js';
import { columnLetter, type Table } from './read-table.js';

export interface ColumnSpec<K extends string> {
  key: K;
  header: string;
  /** Other header spellings accepted (compared case- and space-insensitively). */
  aliases?: readonly string[];
  required: boolean;
  maxLength: number;
}

export interface TableRow<K extends string> {
  row: number;
  get(key: K): string;
  /** "C (Objective)" for messages. */
  where(key: K): string;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Finds each column by its header and checks every cell's length. Every problem found is reported at once
 * (missing headers, oversized cells), so one import attempt shows all that needs fixing.
 */
export function mapColumns<K extends string>(
  file: string,
  table: Table,
  specs: ColumnSpec<K>[],
): TableRow<K>[] {
  const index = new Map<K, number>();
  const issues: ImportIssue[] = [];
  for (const spec of specs) {
    const names = [spec.header, ...(spec.aliases ?? [])].map(norm);
    const at = table.header.findIndex((h) => names.includes(norm(h)));
    if (at >= 0) index.set(spec.key, at);
    else if (spec.required) issues.push({ row: 1, message: `the header has no "${spec.header}" column` });
  }
  if (issues.length) {
    issues.push({ row: 1, message: `expected columns: ${specs.map((s) => s.header).join(', ')}` });
    throw new ImportError(file, issues);
  }
  const label = (key: K) => {
    const at = index.get(key);
    const spec = specs.find((s) => s.key === key);
    return at === undefined ? (spec?.header ?? key) : `${columnLetter(at)} (${spec?.header})`;
  };
  for (const { row, cells } of table.rows) {
    for (const spec of specs) {
      const at = index.get(spec.key);
      const value = at === undefined ? '' : (cells[at] ?? '');
      if (value.length > spec.maxLength) {
        issues.push({
          row,
          column: label(spec.key),
          message: `the cell holds ${value.length.toLocaleString('en-GB')} characters; at most ${spec.maxLength.toLocaleString('en-GB')} are accepted`,
        });
      }
    }
  }
  if (issues.length) throw new ImportError(file, issues);
  return table.rows.map(({ row, cells }) => ({
    row,
    get: (key: K) => {
      const at = index.get(key);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    },
    where: label,
  }));
}
