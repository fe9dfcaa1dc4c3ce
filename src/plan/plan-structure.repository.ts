import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { newId } from '../shared/ids.js';
import type { DraftAction } from './parse-plan.js';

/**
 * How a plan measure and a Health Check statement's measure are matched: words only, case and punctuation
 * aside. why: the board's plan marks revised measures "(NEW)" (7a's audit-learning measure); the marker is not
 * part of what is measured, and with it the statement was never tied to its measure.
 */
export const measureKey = (s: string) =>
  s
    .replace(/\(\s*new\s*\)/gi, ' ')
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

/**
 * Priority areas by name (numbered in the order the plan first names them) and objectives by number (text
 * and area from the first row that names them), one statement each; returns objective number → id.
 */
export async function upsertStructure(
  trx: Executor,
  planId: string,
  actions: DraftAction[],
): Promise<Map<number, number>> {
  const areaNames = [...new Set(actions.map((a) => a.priorityArea))];
  const areas = await trx
    .insertInto('priority_areas')
    .columns(['plan_id', 'ordinal', 'name'])
    .expression(
      sql`select ${planId}::uuid, u.ordinal, u.name from unnest(${areaNames}::text[]) with ordinality as u(name, ordinal)`,
    )
    .onConflict((oc) =>
      oc.columns(['plan_id', 'name']).doUpdateSet((eb) => ({ ordinal: eb.ref('excluded.ordinal') })),
    )
    .returning(['id', 'name'])
    .execute();
  const areaIds = new Map(areas.map((a) => [a.name, a.id]));
  const firstOfObjective = new Map<number, DraftAction>();
  for (const a of actions)
    if (!firstOfObjective.has(a.objectiveNumber)) firstOfObjective.set(a.objectiveNumber, a);
  const objectives = [...firstOfObjective.values()];
  const rows = await trx
    .insertInto('objectives')
    .columns(['plan_id', 'priority_area_id', 'number', 'text'])
    .expression(
      sql`select ${planId}::uuid, u.area_id, u.number, u.text from unnest(
        ${objectives.map((o) => areaIds.get(o.priorityArea)!)}::int[], ${objectives.map((o) => o.objectiveNumber)}::int[],
        ${objectives.map((o) => o.objectiveText)}::text[]) as u(area_id, number, text)`,
    )
    .onConflict((oc) =>
      oc.columns(['plan_id', 'number']).doUpdateSet((eb) => ({
        text: eb.ref('excluded.text'),
        priority_area_id: eb.ref('excluded.priority_area_id'),
      })),
    )
    .returning(['id', 'number'])
    .execute();
  return new Map(rows.map((o) => [o.number, o.id]));
}
