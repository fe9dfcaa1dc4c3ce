import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { ImportError } from './import-error.js';

/** A spreadsheet as text: the header and each row with its 1-based row number in the file. */
export interface Table {
  header: string[];
  rows: { row: number; cells: string[] }[];
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Reads a CSV or XLSX file's first sheet into text cells; malformed files throw ImportError naming the place. */
export async function readTable(file: string, content: Buffer): Promise<Table> {
  if (content.length === 0) throw new ImportError(file, [{ message: 'the file is empty' }]);
  if (content.length > MAX_FILE_BYTES) {
    throw new ImportError(file, [
      { message: `the file is ${mb(content.length)}; the largest accepted is ${mb(MAX_FILE_BYTES)}` },
    ]);
  }
  const kind = extname(file).toLowerCase();
  const grid = kind === '.xlsx' ? await readXlsx(file, content) : readCsv(file, content);
  rejectNulCharacters(file, grid);
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...rows] = nonEmpty;
  if (!head) throw new ImportError(file, [{ message: 'the file has no header row and no data' }]);
  return { header: head.cells.map((c) => c.trim()), rows };
}

/** PostgreSQL text cannot hold U+0000: a cell with one is refused here, located, rather than failing the insert. */
function rejectNulCharacters(file: string, grid: Table['rows']): void {
  const issues = grid.flatMap((r) =>
    r.cells.flatMap((cell, i) =>
      cell.includes('\u0000')
        ? [{ row: r.row, column: columnLetter(i), message: 'contains a NUL character, which is not text' }]
        : [],
    ),
  );
  if (issues.length) throw new ImportError(file, issues);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function readCsv(file: string, content: Buffer): Table['rows'] {
  try {
    const records: string[][] = parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch (error) {
    const e = error as { code?: string; lines?: number; message: string };
    const message =
      e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed (missing ")' : e.message;
    throw new ImportError(file, [{ row: e.lines, message: `not a readable CSV file: ${message}` }]);
  }
}

async function readXlsx(file: string, content: Buffer): Promise<Table['rows']> {
  // why: exceljs (with jszip, unzipper, archiver: ~170 files) is loaded when an XLSX is read, not at start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ImportError(file, [
      { message: 'not an Excel workbook (.xlsx): the file could not be opened as one' },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportError(file, [{ message: 'the workbook has no sheets' }]);
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** Spreadsheet column letter of a 0-based index (0 → A). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
