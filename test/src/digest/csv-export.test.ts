import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/digest/csv-export.js';
import type { Column } from '../../../src/digest/export-columns.js';

const columns: Column<{ text: string; due: Date | null; n: number | null }>[] = [
  { header: 'Text', width: 10, kind: 'text', value: (r) => r.text },
  { header: 'Due', width: 10, kind: 'date', value: (r) => r.due },
  { header: 'N', width: 5, kind: 'number', value: (r) => r.n },
];

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and reads back exactly', () => {
    const rows = [{ text: 'Plan, "agreed"\nwith partners', due: new Date('2026-12-01T00:00:00Z'), n: 3 }];
    const body = toCsv(columns, rows, 'Europe/London');
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(parse(body, { columns: true, bom: true })).toEqual([
      { Text: 'Plan, "agreed"\nwith partners', Due: '2026-12-01', N: '3' },
    ]);
  });

  it.each(['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)'])(
    'defuses text that a spreadsheet would run as a formula: %s',
    (text) => {
      const [row] = parse(toCsv(columns, [{ text, due: null, n: null }], 'Europe/London'), {
        columns: true,
        bom: true,
      });
      expect(row).toEqual({ Text: `'${text}`, Due: '', N: '' });
    },
  );

  it('keeps negative numbers as numbers', () => {
    const [row] = parse(toCsv(columns, [{ text: 'ok', due: null, n: -4 }], 'Europe/London'), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(row?.N).toBe('-4');
  });
});
