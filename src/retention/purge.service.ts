import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.js';
import { addDays, type IsoDate, isIsoDate, localDate, toUtcDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { type PurgeStep, purgeSteps } from './purge-steps.js';

export class PurgeInputError extends Error {
  override name = 'PurgeInputError';
}

export interface PurgeRequest {
  /** Text written before the start of this date (UTC) is removed. */
  before: IsoDate;
  dryRun: boolean;
  /** Who asked, for the audit log: 'cli', 'retention job'. */
  actor: string;
  now: Date;
}

export interface PurgeReport {
  before: IsoDate;
  dryRun: boolean;
  /** Rows that held text (dry run) or rows changed, per step. */
  steps: Array<{ name: string; rows: number }>;
}

/**
 * Removes free text written before a date, in one transaction, and records the purge (date and counts, never
 * the text) in the audit log when it changed anything. A dry run counts the same rows and changes nothing.
 */
export async function purgeBefore(
  db: Kysely<DB>,
  orgId: string,
  request: PurgeRequest,
  steps: PurgeStep[] = purgeSteps,
): Promise<PurgeReport> {
  if (!isIsoDate(request.before)) {
    throw new PurgeInputError(`--before: "${request.before}" is not a date like 2025-04-01`);
  }
  const today = request.now.toISOString().slice(0, 10);
  if (request.before > today) {
    throw new PurgeInputError(`--before: ${request.before} is in the future; give a date up to ${today}`);
  }
  const cutoff = toUtcDate(request.before);
  return db.transaction().execute(async (trx) => {
    const counted: PurgeReport['steps'] = [];
    for (const step of steps) {
      const rows = request.dryRun
        ? await step.count(trx, orgId, cutoff)
        : await step.purge(trx, orgId, cutoff);
      counted.push({ name: step.name, rows });
    }
    const report = { before: request.before, dryRun: request.dryRun, steps: counted };
    // why: a scheduled purge that finds nothing would otherwise add an audit entry per organisation every day.
    if (!request.dryRun && counted.some((step) => step.rows > 0)) {
      const entry = { actor: request.actor, entity: 'retention', entityId: request.before, change: 'purge' };
      await recordAudit(trx, orgId, [{ ...entry, after: report }], request.now);
    }
    return report;
  });
}

/** The cutoff date RETENTION_DAYS gives today (in the schedule's time zone), or null when retention is off. */
export function retentionCutoff(
  retentionDays: number | undefined,
  now: Date,
  timeZone: string,
): IsoDate | null {
  return retentionDays === undefined ? null : addDays(localDate(now, timeZone), -retentionDays);
}
