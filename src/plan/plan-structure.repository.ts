import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { newId } from '../shared/ids.js';
import type { DraftAction } from './parse-plan.js';

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

export const measureKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();

export async function ensurePlan(
  trx: Executor,
  orgId: string,
  source: { name: string; file: string },
  now: Date,
): Promise<string> {
  const found = await trx.selectFrom('plans').select('id').where('org_id', '=', orgId).executeTakeFirst();
  if (found) {
    await trx
      .updateTable('plans')
      .set({ name: source.name, source_file: source.file, imported_at: now })
      .where('id', '=', found.id)
      .execute();
    return found.id;
  }
  const id = newId();
  await trx
    .insertInto('plans')
    .values({ id, org_id: orgId, name: source.name, source_file: source.file, imported_at: now })
    .execute();
  return id;
}

/** Priority areas by name and objectives by number; returns objective number → id. */
export async function upsertStructure(
  trx: Executor,
  planId: string,
  actions: DraftAction[],
): Promise<Map<number, number>> {
  const areaIds = new Map<string, number>();
  for (const name of [...new Set(actions.map((a) => a.priorityArea))]) {
    const row = await trx
      .insertInto('priority_areas')
      .values({ plan_id: planId, ordinal: areaIds.size + 1, name })
      .onConflict((oc) => oc.columns(['plan_id', 'name']).doUpdateSet({ ordinal: areaIds.size + 1 }))
      .returning('id')
      .executeTakeFirstOrThrow();
    areaIds.set(name, row.id);
  }
  const objectiveIds = new Map<number, number>();
  for (const a of actions) {
    if (objectiveIds.has(a.objectiveNumber)) continue;
    const row = await trx
      .insertInto('objectives')
      .values({
        plan_id: planId,
        priority_area_id: areaIds.get(a.priorityArea)!,
        number: a.objectiveNumber,
        text: a.objectiveText,
      })
      .onConflict((oc) =>
        oc
          .columns(['plan_id', 'number'])
          .doUpdateSet({ text: a.objectiveText, priority_area_id: areaIds.get(a.priorityArea)! }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    objectiveIds.set(a.objectiveNumber, row.id);
  }
  return objectiveIds;
}

export async function loadActions(trx: Executor, planId: string): Promise<Map<string, ExistingAction>> {
  const rows = await trx
    .selectFrom('actions as a')
    .select([
      'a.id',
      'a.ref',
      'a.text',
      'a.owners_text',
      'a.due_text',
      'a.due_date',
      'a.objective_id',
      'a.state',
    ])
    .select((eb) => [
      eb
        .selectFrom('action_owner_roles as r')
        .select(sql<string[]>`coalesce(array_agg(r.role_code order by r.ordinal), '{}')`.as('x'))
        .whereRef('r.action_id', '=', 'a.id')
        .as('roles'),
      eb
        .selectFrom('measures as m')
        .select(sql<string[]>`coalesce(array_agg(m.text order by m.ordinal), '{}')`.as('x'))
        .whereRef('m.action_id', '=', 'a.id')
        .as('measures'),
    ])
    .where('a.plan_id', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.ref, { ...r, roles: r.roles ?? [], measures: r.measures ?? [] }]));
}

export async function writeOwnersAndMeasures(
  trx: Executor,
  actionId: string,
  action: DraftAction,
  statementByMeasure: Map<string, string>,
): Promise<void> {
  if (action.ownerRoles.length) {
    await trx
      .insertInto('action_owner_roles')
      .values(action.ownerRoles.map((role_code, ordinal) => ({ action_id: actionId, role_code, ordinal })))
      .execute();
  }
  if (action.measures.length) {
    await trx
      .insertInto('measures')
      .values(
        action.measures.map((m, ordinal) => ({
          action_id: actionId,
          ordinal,
          text: m.text,
          is_health_check: m.isHealthCheck,
          statement_id: m.isHealthCheck ? (statementByMeasure.get(measureKey(m.text)) ?? null) : null,
        })),
      )
      .execute();
  }
}
