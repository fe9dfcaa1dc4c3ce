import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { RoleDirectory } from '../roster/role-directory.js';
import { applyRoles, loadRoles, parseRoles } from '../roster/roles-import.js';
import { applyRoster, parseRoster, type RosterReport } from '../roster/roster-import.js';
import { ImportError } from './import-error.js';
import { parsePlan } from './parse-plan.js';
import { applyPlan, type ImportReport, type StatementMeasures } from './plan-import.service.js';
import { readTable } from './read-table.js';

export interface SourceFile {
  /** Name used in messages (and to tell CSV from XLSX by its extension). */
  name: string;
  content: Buffer;
}

export async function readSource(path: string): Promise<SourceFile> {
  try {
    return { name: basename(path), content: await readFile(path) };
  } catch (error) {
    throw new ImportError(basename(path), [
      { message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` },
    ]);
  }
}

/** Imports a plan (CSV or XLSX) all-or-nothing; the report says what changed. */
export async function importPlan(
  db: Kysely<DB>,
  orgId: string,
  source: SourceFile,
  options: { actor: string; planName?: string; statements?: StatementMeasures },
  now: Date,
): Promise<ImportReport> {
  const table = await readTable(source.name, source.content);
  const roles = new RoleDirectory(await loadRoles(db, orgId));
  const draft = parsePlan(source.name, table, roles);
  return db.transaction().execute((trx) =>
    applyPlan(
      trx,
      orgId,
      draft,
      {
        name: options.planName ?? 'Improvement plan',
        file: source.name,
        actor: options.actor,
        statements: options.statements,
      },
      now,
    ),
  );
}

export async function importRoles(db: Kysely<DB>, orgId: string, source: SourceFile): Promise<number> {
  const roles = parseRoles(source.name, await readTable(source.name, source.content));
  return db.transaction().execute((trx) => applyRoles(trx, orgId, roles));
}

export async function importRoster(db: Kysely<DB>, orgId: string, source: SourceFile): Promise<RosterReport> {
  const roles = new RoleDirectory(await loadRoles(db, orgId));
  const entries = parseRoster(source.name, await readTable(source.name, source.content), roles);
  return db.transaction().execute((trx) => applyRoster(trx, orgId, entries));
}

/** "2 actions changed, 1 added, 1 withdrawn" — or "no change". */
export function describeImport(report: ImportReport): string {
  const parts: string[] = [];
  const n = (count: number, word: string) => `${count} action${count === 1 ? '' : 's'} ${word}`;
  if (report.changed.length) parts.push(n(report.changed.length, 'changed'));
  if (report.added.length) parts.push(n(report.added.length, 'added'));
  if (report.withdrawn.length) parts.push(n(report.withdrawn.length, 'withdrawn'));
  const lines = [parts.length ? parts.join(', ') : `no change (${report.unchanged} actions as before)`];
  for (const c of report.changed) lines.push(`  changed ${c.ref}: ${c.fields.join(', ')}`);
  if (report.added.length) lines.push(`  added: ${report.added.join(', ')}`);
  if (report.withdrawn.length) lines.push(`  withdrawn: ${report.withdrawn.join(', ')}`);
  for (const u of report.unknownRoles)
    lines.push(`  unknown role "${u.name}" (no one can be reminded yet) in ${u.actions.join(', ')}`);
  return lines.join('\n');
}
