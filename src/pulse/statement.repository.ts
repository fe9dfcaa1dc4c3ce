import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import type { Executor } from '../db/executor.js';
import { SAMPLE_DIR } from '../plan/sample-plan.js';
import { newId } from '../shared/ids.js';
import { PulseInputError } from './pulse-errors.js';
import './pulse.table.js';

export interface Statement {
  id: string;
  code: string;
  text: string;
  ordinal: number;
}

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a code is lower-case letters, digits and dashes');
const wording = z
  .string()
  .trim()
  .min(5, 'a statement needs some words')
  .max(200, 'keep a statement to 200 characters');
const csvRow = z.object({ Id: code, Statement: wording });

/** Reads a statements CSV (columns Id, Statement; others ignored), naming the row of any problem. */
export function readStatementsCsv(
  path = join(SAMPLE_DIR, 'health-check-statements.csv'),
): { code: string; text: string }[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(path), { columns: true, bom: true });
  } catch (error) {
    throw new PulseInputError(`${path}: ${(error as Error).message}`);
  }
  return rows.map((row, i) => {
    const parsed = csvRow.safeParse(row);
    if (!parsed.success)
      throw new PulseInputError(`${path} row ${i + 2}: ${parsed.error.issues[0]?.message}`);
    return { code: parsed.data.Id, text: parsed.data.Statement };
  });
}

export async function listLiveStatements(db: Executor, orgId: string): Promise<Statement[]> {
  return db
    .selectFrom('pulse_statements')
    .select(['id', 'code', 'text', 'ordinal'])
    .where('org_id', '=', orgId)
    .where('retired_at', 'is', null)
    .orderBy('ordinal')
    .execute();
}

/** Adds the statements whose codes the bank has never had (so a retired one is not brought back). */
export async function seedStatements(
  db: Executor,
  orgId: string,
  rows: { code: string; text: string }[],
  actor: string,
  now: Date,
): Promise<number> {
  const known = new Set(
    (await db.selectFrom('pulse_statements').select('code').where('org_id', '=', orgId).execute()).map(
      (r) => r.code,
    ),
  );
  let added = 0;
  for (const row of rows) {
    if (known.has(row.code)) continue;
    await addStatement(db, orgId, row, actor, now);
    known.add(row.code);
    added++;
  }
  return added;
}

export async function addStatement(
  db: Executor,
  orgId: string,
  input: { code: string; text: string },
  actor: string,
  now: Date,
): Promise<Statement> {
  const c = code.safeParse(input.code);
  if (!c.success) throw new PulseInputError(`"${input.code}": ${c.error.issues[0]?.message}`);
  const t = wording.safeParse(input.text);
  if (!t.success) throw new PulseInputError(t.error.issues[0]?.message ?? 'the statement is not valid');
  const live = await listLiveStatements(db, orgId);
  if (live.some((s) => s.code === c.data))
    throw new PulseInputError(`A statement "${c.data}" already exists.`);
  const statement = {
    id: newId(),
    code: c.data,
    text: t.data,
    ordinal: Math.max(0, ...live.map((s) => s.ordinal)) + 1,
  };
  await db
    .insertInto('pulse_statements')
    .values({ ...statement, org_id: orgId, created_at: now })
    .execute();
  await recordAudit(
    db,
    orgId,
    [{ actor, entity: 'pulse_statement', entityId: statement.id, change: 'add', after: statement }],
    now,
  );
  return statement;
}

async function liveByCode(db: Executor, orgId: string, value: string): Promise<Statement> {
  const found = (await listLiveStatements(db, orgId)).find((s) => s.code === value);
  if (!found)
    throw new PulseInputError(`There is no statement "${value}". Type \`pulse statements\` to list them.`);
  return found;
}

/** Retires a statement: it is no longer asked; its past results stay. */
export async function retireStatement(
  db: Executor,
  orgId: string,
  value: string,
  actor: string,
  now: Date,
): Promise<Statement> {
  const statement = await liveByCode(db, orgId, value);
  await db.updateTable('pulse_statements').set({ retired_at: now }).where('id', '=', statement.id).execute();
  await recordAudit(
    db,
    orgId,
    [{ actor, entity: 'pulse_statement', entityId: statement.id, change: 'retire', before: statement }],
    now,
  );
  return statement;
}

/** New words mean a new question: the old series ends and a new one starts under the same code (same measure). */
export async function rewordStatement(
  db: Executor,
  orgId: string,
  input: { code: string; text: string },
  actor: string,
  now: Date,
): Promise<Statement> {
  const before = await liveByCode(db, orgId, input.code);
  const t = wording.safeParse(input.text);
  if (!t.success) throw new PulseInputError(t.error.issues[0]?.message ?? 'the statement is not valid');
  await db.updateTable('pulse_statements').set({ retired_at: now }).where('id', '=', before.id).execute();
  const after = { id: newId(), code: before.code, text: t.data, ordinal: before.ordinal };
  await db
    .insertInto('pulse_statements')
    .values({ ...after, org_id: orgId, created_at: now })
    .execute();
  await recordAudit(
    db,
    orgId,
    [{ actor, entity: 'pulse_statement', entityId: after.id, change: 'reword', before, after }],
    now,
  );
  return after;
}
