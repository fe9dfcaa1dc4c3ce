import { z } from 'zod';
import { addDays, type IsoDate, isIsoDate } from '../calendar/iso-date.js';

/** Default length of the updates period when no `from` is given: the four weeks before `to`. */
export const DEFAULT_PERIOD_DAYS = 28;

/** An export request that cannot be met (bad format, date or period): the message says what to fix. */
export class ExportRequestError extends Error {
  override name = 'ExportRequestError';
}

const isoDate = z
  .string()
  .trim()
  .refine(isIsoDate, { message: 'expected a date as YYYY-MM-DD (e.g. 2026-12-01)' })
  .optional();

export const exportRequestSchema = z.object({
  format: z.enum(['xlsx', 'csv'], { message: 'expected xlsx or csv' }),
  from: isoDate,
  to: isoDate,
  priorityAreas: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
});
export type ExportRequest = z.input<typeof exportRequestSchema>;

export interface ExportPeriod {
  from: IsoDate;
  /** Included. */
  to: IsoDate;
}

/** The updates period, both ends included: default the four weeks up to today; never after today. */
export function resolvePeriod(
  from: IsoDate | undefined,
  to: IsoDate | undefined,
  today: IsoDate,
): ExportPeriod {
  const end = to ?? today;
  const start = from ?? addDays(end, -(DEFAULT_PERIOD_DAYS - 1));
  if (end > today) throw new ExportRequestError(`the period ends on ${end}, after today (${today})`);
  if (start > end) throw new ExportRequestError(`the period starts on ${start}, after it ends (${end})`);
  return { from: start, to: end };
}

/** Parses an export request from outside (CLI, tab API); throws ExportRequestError naming the bad field. */
export function parseExportRequest(input: unknown) {
  const parsed = exportRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExportRequestError(`${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
