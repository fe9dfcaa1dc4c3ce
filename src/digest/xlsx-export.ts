import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { longDate } from '../calendar/iso-date.js';
import { ACTION_COLUMNS, type Column, STATUS_LABEL, UPDATE_COLUMNS, wallClock } from './export-columns.js';
import type { ExportData } from './export-data.js';
import { HEALTH_CHECK_COLUMNS, healthCheckRows } from './health-check-sheet.js';
import type { HeadlineCounts } from './plan-figures.js';

/** Excel's own "Good / Neutral / Bad" fills, so the colours read as they do in any council's workbook. */
const FILLS: Record<string, { fill: string; font: string }> = {
  [STATUS_LABEL.onTrack]: { fill: 'FFC6EFCE', font: 'FF006100' },
  [STATUS_LABEL.atRisk]: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  [STATUS_LABEL.offTrack]: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  [STATUS_LABEL.complete]: { fill: 'FFDDEBF7', font: 'FF1F4E78' },
};
const NUM_FMT = { date: 'dd mmm yyyy', datetime: 'dd mmm yyyy hh:mm' } as const;

type Book = ExcelJS.stream.xlsx.WorkbookWriter;

/** A sheet of rows under a bold, frozen, filterable header, with widths, real dates and RAG fills. */
function addTable<T>(book: Book, name: string, columns: Column<T>[], rows: T[], timeZone: string) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.kind === 'date' || c.kind === 'datetime' ? { numFmt: NUM_FMT[c.kind] } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.commit();
  const status = columns.findIndex((c) => c.header === 'Status') + 1;
  for (const item of rows) {
    const row = sheet.addRow(columns.map((c) => c.value(item, timeZone)));
    const tone = status > 0 ? FILLS[String(row.getCell(status).value)] : undefined;
    if (tone) {
      const cell = row.getCell(status);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: tone.fill } };
      cell.font = { color: { argb: tone.font } };
    }
    row.commit();
  }
  sheet.commit();
}

const COUNT_ROWS: [string, keyof HeadlineCounts][] = [
  ['Actions', 'total'],
  [STATUS_LABEL.onTrack, 'onTrack'],
  [STATUS_LABEL.atRisk, 'atRisk'],
  [STATUS_LABEL.offTrack, 'offTrack'],
  [STATUS_LABEL.noUpdateYet, 'noUpdateYet'],
  [STATUS_LABEL.complete, 'complete'],
  ['Overdue', 'overdue'],
  ['No update in 30 days', 'stale'],
  ['Withdrawn (not counted)', 'withdrawn'],
];

function addSummary(book: Book, data: ExportData) {
  const sheet = book.addWorksheet('Summary');
  sheet.columns = [
    { width: 28 },
    ...Array.from({ length: data.figures.areas.length + 1 }, () => ({ width: 16 })),
  ];
  sheet.addRow([data.planName]).font = { bold: true, size: 14 };
  sheet.addRow([
    `As at ${longDate(data.figures.today)}; updates from ${longDate(data.period.from)} to ${longDate(data.period.to)}`,
  ]);
  sheet.addRow([]);
  const header = sheet.addRow(['', 'Whole plan', ...data.figures.areas.map((a) => a.name)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const [label, key] of COUNT_ROWS) {
    const row = sheet.addRow([
      label,
      data.figures.headline[key],
      ...data.figures.areas.map((a) => a.counts[key]),
    ]);
    const tone = FILLS[label];
    if (tone) row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: tone.fill } };
  }
  sheet.addRow([]);
  sheet.addRow([
    `Generated ${wallClock(data.generatedAt, data.timeZone).toISOString().slice(0, 16).replace('T', ' ')} (${data.timeZone})`,
  ]);
  sheet.commit();
}

/** The board-paper workbook: Summary, Actions (one row each), Updates in the period, Health Check by round. */
export async function toXlsx(data: ExportData): Promise<Buffer> {
  // why: the streaming writer writes each row as it is committed: about twice as fast, and a 10,000-action
  // plan with its updates does not sit in memory as a cell model while the zip is built.
  // why: exceljs (with jszip, unzipper, archiver: ~170 files) is loaded for an export, not at start.
  const { default: Excel } = await import('exceljs');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  book.creator = 'practice-pulse';
  book.created = data.generatedAt;
  addSummary(book, data);
  addTable(book, 'Actions', ACTION_COLUMNS, data.figures.actions, data.timeZone);
  addTable(book, 'Updates', UPDATE_COLUMNS, data.updates, data.timeZone);
  addTable(book, 'Health Check', HEALTH_CHECK_COLUMNS, healthCheckRows(data), data.timeZone);
  await book.commit();
  return Buffer.concat(chunks);
}
