import { sql } from 'kysely';
import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';

/*
 * The plan import's writes, one statement per table for any number of actions.
 * why: each statement takes whole columns as arrays and UNNESTs them, so it has the same few bind parameters
 * for 10 or 100,000 rows (PostgreSQL allows 65,535 per statement) and one round trip; writing one row per
 * statement made a 10,000-action import take 4–5 s.
 */

/** An action's columns that the plan sets. */
export interface PlanActionRow {
  id: string;
  objective_id: number;
  ref: string;
  text: string;
  owners_text: string;
  due_text: string;
  due_date: IsoDate;
}

export interface OwnerRow {
  action_id: string;
  role_code: string;
  ordinal: number;
}

export interface MeasureRow {
  action_id: string;
  ordinal: number;
  text: string;
  is_health_check: boolean;
  statement_id: string | null;
}

const column = <T, K extends keyof T>(rows: T[], key: K): T[K][] => rows.map((r) => r[key]);

/** The rows as a table `u` with the plan's columns of an action. */
const unnestedActions = (rows: PlanActionRow[]) =>
  sql`unnest(${column(rows, 'id')}::uuid[], ${column(rows, 'objective_id')}::int[], ${column(rows, 'ref')}::text[],
      ${column(rows, 'text')}::text[], ${column(rows, 'owners_text')}::text[], ${column(rows, 'due_text')}::text[],
      ${column(rows, 'due_date')}::date[]) as u(id, objective_id, ref, text, owners_text, due_text, due_date)`;

export async function insertActions(
  trx: Executor,
  target: { orgId: string; planId: string },
  rows: PlanActionRow[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into actions (id, org_id, plan_id, objective_id, ref, text, owners_text, due_text, due_date,
      created_at, updated_at)
    select u.id, ${target.orgId}::text, ${target.planId}::uuid, u.objective_id, u.ref, u.text, u.owners_text,
      u.due_text, u.due_date, ${now}::timestamptz, ${now}::timestamptz
    from ${unnestedActions(rows)}`.execute(trx);
}

/** Sets the plan's columns of changed actions; a withdrawn action that is back in the plan is open again. */
export async function updateActions(trx: Executor, rows: PlanActionRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await sql`update actions as a set objective_id = u.objective_id, ref = u.ref, text = u.text,
      owners_text = u.owners_text, due_text = u.due_text, due_date = u.due_date, updated_at = ${now}::timestamptz,
      state = case when a.state = 'withdrawn' then 'open' else a.state end,
      withdrawn_at = case when a.state = 'withdrawn' then null else a.withdrawn_at end
    from ${unnestedActions(rows)}
    where a.id = u.id`.execute(trx);
}

/** Marks actions no longer in the plan withdrawn; their rows and history stay. */
export async function withdrawActions(trx: Executor, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await sql`update actions set state = 'withdrawn', withdrawn_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
    where id = any(${ids}::uuid[])`.execute(trx);
}

/** Removes the owner roles and measures of actions whose new ones are about to be written. */
export async function clearOwnersAndMeasures(trx: Executor, actionIds: string[]): Promise<void> {
  if (actionIds.length === 0) return;
  await sql`delete from action_owner_roles where action_id = any(${actionIds}::uuid[])`.execute(trx);
  await sql`delete from measures where action_id = any(${actionIds}::uuid[])`.execute(trx);
}

export async function insertOwnersAndMeasures(
  trx: Executor,
  owners: OwnerRow[],
  measures: MeasureRow[],
): Promise<void> {
  if (owners.length) {
    await sql`insert into action_owner_roles (action_id, role_code, ordinal)
      select * from unnest(${column(owners, 'action_id')}::uuid[], ${column(owners, 'role_code')}::text[],
        ${column(owners, 'ordinal')}::int[])`.execute(trx);
  }
  if (measures.length) {
    await sql`insert into measures (action_id, ordinal, text, is_health_check, statement_id)
      select * from unnest(${column(measures, 'action_id')}::uuid[], ${column(measures, 'ordinal')}::int[],
        ${column(measures, 'text')}::text[], ${column(measures, 'is_health_check')}::bool[],
        ${column(measures, 'statement_id')}::text[])`.execute(trx);
  }
}
