import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { localDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { ensureOrganisation } from '../org/organisation.repository.js';
import { shiftToDemoDates } from '../reminders/demo-dates.js';
import { importPlan, importRoles, importRoster, readSource } from './import-files.js';
import type { ImportReport } from './plan-import.service.js';

export const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'sample');

/** The Health Check statements' measure texts, so the plan's Health Check measures link to statements. */
export function sampleStatementMeasures(dir = SAMPLE_DIR): { id: string; measure: string }[] {
  const rows: Record<string, string>[] = parse(readFileSync(join(dir, 'health-check-statements.csv')), {
    columns: true,
    bom: true,
  });
  return rows.map((r) => ({ id: r.Id ?? '', measure: r['Measure in the plan'] ?? '' }));
}

export interface SampleOptions {
  /** `--demo-dates`: move the plan's (2020) due dates into the weeks after today, so reminders fire. */
  demoDates?: { timeZone: string } | undefined;
}

/** True when the organisation already has a plan (so `npm start` leaves it, and any updates to it, alone). */
export async function hasPlan(db: Kysely<DB>, tenantId: string): Promise<boolean> {
  const row = await db.selectFrom('plans').select('id').where('org_id', '=', tenantId).executeTakeFirst();
  return row !== undefined;
}

/** Loads the sample council: roles, roster (role mailboxes, no personal names) and the 50-action plan. */
export async function loadSamplePlan(
  db: Kysely<DB>,
  tenantId: string,
  now: Date,
  dir = SAMPLE_DIR,
  options: SampleOptions = {},
): Promise<ImportReport> {
  await ensureOrganisation(db, tenantId, 'Sample City Council');
  await importRoles(db, tenantId, await readSource(join(dir, 'roles.csv')));
  await importRoster(db, tenantId, await readSource(join(dir, 'roster.csv')));
  const report = await importPlan(
    db,
    tenantId,
    await readSource(join(dir, 'children-at-the-heart-plan.csv')),
    { actor: 'sample import', planName: 'Children at the Heart', statements: sampleStatementMeasures(dir) },
    now,
  );
  if (options.demoDates)
    await shiftToDemoDates(db, tenantId, localDate(now, options.demoDates.timeZone), now);
  return report;
}
