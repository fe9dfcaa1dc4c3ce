import { localDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import { toCsv } from './csv-export.js';
import { ACTION_COLUMNS } from './export-columns.js';
import { exportData } from './export-data.js';
import { type ExportRequest, parseExportRequest } from './export-request.js';
import { toXlsx } from './xlsx-export.js';

export interface PlanExport {
  filename: string;
  contentType: string;
  body: Buffer;
}

export interface PlanExportSettings {
  timeZone: string;
  /** Fewest respondents before a Health Check figure is shown. */
  minGroup: number;
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * The plan export for board papers, for the CLI and the tab's `/api/tab/export` alike. XLSX: Summary, Actions,
 * Updates in the period, Health Check by round; CSV: the Actions sheet. Throws ExportRequestError for a bad
 * format, date or period. Figures come from planFigures, so they match the digest and the tab.
 */
export async function buildPlanExport(
  db: Executor,
  orgId: string,
  request: ExportRequest,
  now: Date,
  settings: PlanExportSettings,
): Promise<PlanExport> {
  const { format, from, to, priorityAreas } = parseExportRequest(request);
  const data = await exportData(
    db,
    orgId,
    { timeZone: settings.timeZone, from, to, priorityAreas, minGroup: settings.minGroup },
    now,
  );
  const stem = `plan-${localDate(now, settings.timeZone)}`;
  if (format === 'csv') {
    return {
      filename: `${stem}.csv`,
      contentType: CONTENT_TYPES.csv,
      body: toCsv(ACTION_COLUMNS, data.figures.actions, settings.timeZone),
    };
  }
  return { filename: `${stem}.xlsx`, contentType: CONTENT_TYPES.xlsx, body: await toXlsx(data) };
}
