import type { Store } from '../../src/db/connect.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Everything a plan import writes for one organisation, free of generated ids (action ids become refs,
 * objective ids their numbers), so two stores, or two ways of importing, can be compared as equal.
 */
export async function planContent(store: Store, orgId: string) {
  const db = store.db;
  const plan = await db.selectFrom('plans').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
  const areas = await db
    .selectFrom('priority_areas')
    .select(['id', 'ordinal', 'name'])
    .where('plan_id', '=', plan.id)
    .orderBy('ordinal')
    .execute();
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const objectives = await db
    .selectFrom('objectives')
    .select(['id', 'number', 'text', 'priority_area_id'])
    .where('plan_id', '=', plan.id)
    .orderBy('number')
    .execute();
  const objectiveNumber = new Map(objectives.map((o) => [o.id, o.number]));
  const actions = await db
    .selectFrom('actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('ref')
    .execute();
  const refOf = new Map(actions.map((a) => [a.id, a.ref]));
  const ids = actions.map((a) => a.id);
  const owners = ids.length
    ? await db.selectFrom('action_owner_roles').selectAll().where('action_id', 'in', ids).execute()
    : [];
  const measures = ids.length
    ? await db.selectFrom('measures').selectAll().where('action_id', 'in', ids).execute()
    : [];
  const audit = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
  const byRefThen = <T extends { action_id: string; ordinal: number }>(rows: T[]) =>
    rows
      .map(({ action_id, ...rest }) => ({ ref: refOf.get(action_id), ...rest }))
      .sort((a, b) => String(a.ref).localeCompare(String(b.ref)) || a.ordinal - b.ordinal);
  return {
    plan: { name: plan.name, source_file: plan.source_file, imported_at: iso(plan.imported_at) },
    areas: areas.map(({ ordinal, name }) => ({ ordinal, name })),
    objectives: objectives.map((o) => ({
      number: o.number,
      text: o.text,
      area: areaName.get(o.priority_area_id),
    })),
    actions: actions.map(({ id: _id, org_id: _org, plan_id: _plan, objective_id, ...a }) => ({
      ...a,
      objective: objectiveNumber.get(objective_id),
      last_update_at: iso(a.last_update_at),
      completed_at: iso(a.completed_at),
      withdrawn_at: iso(a.withdrawn_at),
      created_at: iso(a.created_at),
      updated_at: iso(a.updated_at),
    })),
    owners: byRefThen(owners),
    measures: byRefThen(measures.map(({ id: _id, ...m }) => m)),
    audit: audit.map((e) => ({
      actor: e.actor,
      entity: e.entity,
      action: refOf.get(e.entity_id) ?? e.entity_id,
      change: e.change,
      before: withoutIds(e.before, refOf, objectiveNumber),
      after: e.after,
      at: iso(e.at),
    })),
  };
}

/** An audited stored action names its id and objective id: replaced by its ref and objective number. */
function withoutIds(
  before: unknown,
  refOf: Map<string, string>,
  objectiveNumber: Map<number, number>,
): unknown {
  if (!before || typeof before !== 'object') return before;
  const { id, objective_id, ...rest } = before as { id?: string; objective_id?: number };
  return {
    ...rest,
    ...(id === undefined ? {} : { id: refOf.get(id) }),
    ...(objective_id === undefined ? {} : { objective: objectiveNumber.get(objective_id) }),
  };
}

/** A plan of `count` actions (20 per objective); `shift` changes every 7th action's deadline. */
export function generatedPlan(count: number, shift = false): string {
  const lines = ['Priority Area,Objective No,Objective,Action,By Whom,By When,Monitoring'];
  for (let i = 0; i < count; i++) {
    const objective = Math.floor(i / 20) + 1;
    const due = shift && i % 7 === 0 ? 'June 2021' : ['March 2021', 'Sept 2021', '31/03/2022'][i % 3];
    const measures = ['Audit shows improvement.', '', 'Caseloads within range. Timeliness above 85%.'][i % 3];
    lines.push(
      `Area ${objective % 3},${objective},Objective ${objective},${String.fromCharCode(97 + (i % 20))}) Step ${i}.,${['DCS', 'DCIS/SLT', 'CEO / DCS'][i % 3]},${due},${measures}`,
    );
  }
  return lines.join('\n');
}
