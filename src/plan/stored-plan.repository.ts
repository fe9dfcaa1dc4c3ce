import type { Executor } from '../db/executor.js';

/** An action as stored, with its owner roles and measure texts, to compare with a re-imported plan. */
export interface ExistingAction {
  id: string;
  ref: string;
  text: string;
  owners_text: string;
  due_text: string;
  due_date: string;
  objective_id: number;
  state: string;
  roles: string[];
  measures: string[];
}

/**
 * The plan's stored actions by ref, each with its owner roles and measures in order: three queries for the
 * whole plan. why: a subquery per action made re-importing a 10,000-action plan take seconds (each scanned
 * `measures`, before migration 0007 indexed it by action); the diff against the new plan is made in memory.
 */
export async function loadActions(trx: Executor, planId: string): Promise<Map<string, ExistingAction>> {
  const rows = await trx
    .selectFrom('actions')
    .select(['id', 'ref', 'text', 'owners_text', 'due_text', 'due_date', 'objective_id', 'state'])
    .where('plan_id', '=', planId)
    .execute();
  const roles = await trx
    .selectFrom('action_owner_roles as r')
    .innerJoin('actions as a', 'a.id', 'r.action_id')
    .select(['r.action_id', 'r.role_code as value'])
    .where('a.plan_id', '=', planId)
    .orderBy('r.action_id')
    .orderBy('r.ordinal')
    .execute();
  const measures = await trx
    .selectFrom('measures as m')
    .innerJoin('actions as a', 'a.id', 'm.action_id')
    .select(['m.action_id', 'm.text as value'])
    .where('a.plan_id', '=', planId)
    .orderBy('m.action_id')
    .orderBy('m.ordinal')
    .execute();
  const rolesOf = groupByAction(roles);
  const measuresOf = groupByAction(measures);
  return new Map(
    rows.map((r) => [r.ref, { ...r, roles: rolesOf.get(r.id) ?? [], measures: measuresOf.get(r.id) ?? [] }]),
  );
}

function groupByAction(rows: { action_id: string; value: string }[]): Map<string, string[]> {
  const byAction = new Map<string, string[]>();
  for (const { action_id, value } of rows) {
    const list = byAction.get(action_id);
    if (list) list.push(value);
    else byAction.set(action_id, [value]);
  }
  return byAction;
}
