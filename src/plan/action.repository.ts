import { type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';
import { cachedRead, WATCHED_TABLES } from '../db/write-watch.plugin.js';
import type { ActionView, MeasureView } from './action-view.js';

type Base = SelectQueryBuilder<DB, 'actions' | 'objectives' | 'priority_areas', object>;

function actionViews(db: Executor, orgId: string) {
  return db
    .selectFrom('actions')
    .innerJoin('objectives', 'objectives.id', 'actions.objective_id')
    .innerJoin('priority_areas', 'priority_areas.id', 'objectives.priority_area_id')
    .where('actions.org_id', '=', orgId) as unknown as Base;
}

function selectView(query: Base) {
  return query
    .select([
      'actions.id',
      'actions.ref',
      'actions.text',
      'priority_areas.name as priorityArea',
      'objectives.number as objectiveNumber',
      'objectives.text as objectiveText',
      'actions.owners_text as ownersText',
      'actions.due_date as dueDate',
      'actions.due_text as dueText',
      'actions.state',
      'actions.rag',
      'actions.percent',
      'actions.last_update_at as lastUpdateAt',
    ])
    .select((eb) => [
      eb
        .selectFrom('action_owner_roles as r')
        .select(sql<string[]>`coalesce(array_agg(r.role_code order by r.ordinal), '{}')`.as('x'))
        .whereRef('r.action_id', '=', 'actions.id')
        .as('ownerRoles'),
      eb
        .selectFrom('measures as m')
        .select(
          sql<
            MeasureView[]
          >`coalesce(json_agg(json_build_object('text', m.text, 'isHealthCheck', m.is_health_check, 'statementId', m.statement_id) order by m.ordinal), '[]')`.as(
            'x',
          ),
        )
        .whereRef('m.action_id', '=', 'actions.id')
        .as('measures'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectView>['execute']>>[number];

const toView = (r: Row): ActionView =>
  ({ ...r, ownerRoles: r.ownerRoles ?? [], measures: r.measures ?? [] }) as ActionView;

/** Refs are matched without regard to case or spaces ("3A", " 3a"). */
export const normaliseRef = (ref: string) => ref.trim().toLowerCase().replace(/\s+/g, '');

export async function findActionByRef(
  db: Executor,
  orgId: string,
  ref: string,
): Promise<ActionView | undefined> {
  const row = await selectView(actionViews(db, orgId))
    .where('actions.ref', '=', normaliseRef(ref))
    .executeTakeFirst();
  return row && toView(row);
}

export async function findActionById(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ActionView | undefined> {
  const row = await selectView(actionViews(db, orgId)).where('actions.id', '=', id).executeTakeFirst();
  return row && toView(row);
}

/** findActionById for many ids in one query: the actions found, by id. */
export async function findActionsByIds(
  db: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, ActionView>> {
  const rows = await selectView(actionViews(db, orgId))
    .where(sql<boolean>`actions.id = any(${ids}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, toView(r)]));
}

/** Every action of the organisation's plan, in plan order (objective, then letter). */
export async function listActions(db: Executor, orgId: string): Promise<ActionView[]> {
  const rows = await selectView(actionViews(db, orgId))
    .orderBy('objectives.number')
    .orderBy(sql`length(actions.ref)`)
    .orderBy('actions.ref')
    .execute();
  return rows.map(toView);
}

/** why: a list is ~1 KB an action; a few hundred people's lists bound it to a few MB. */
const ACTIONS_FOR = { name: 'actionsFor', tables: WATCHED_TABLES, maxEntries: 300 };

/**
 * The actions a person acts for, open or complete (not withdrawn): those whose owner roles they hold, those
 * whose owners named them delegate on the roster, and those delegated to them with `delegate`.
 */
export function listActionsFor(db: Executor, orgId: string, personId: string): Promise<ActionView[]> {
  // why: cached until the plan, the roster or a delegation may have changed, in this copy or another.
  return cachedRead(db, ACTIONS_FOR, `${orgId}|${personId}`, () => loadActionsFor(db, orgId, personId));
}

async function loadActionsFor(db: Executor, orgId: string, personId: string): Promise<ActionView[]> {
  // why: the ids first, each of this council's actions probed by its key (LATERAL … LIMIT 1); with the ownership
  // test joined or inside an OR, the planner scanned every council's actions that share a code such as "DCS".
  const heldRoles = db
    .selectFrom('role_assignments as ra')
    .innerJoin('people as owner', 'owner.id', 'ra.person_id')
    .select('ra.role_code')
    .where('ra.org_id', '=', orgId)
    .where('owner.active', '=', true)
    .where((w) => w.or([w('owner.id', '=', personId), w('owner.delegate_person_id', '=', personId)]));
  const owned = db
    .selectFrom('actions as a')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('action_owner_roles as aor')
          .select('aor.action_id')
          .whereRef('aor.action_id', '=', 'a.id')
          .where('aor.role_code', 'in', heldRoles)
          .limit(1)
          .as('o'),
      (join) => join.onTrue(),
    )
    .select('a.id')
    .where('a.org_id', '=', orgId);
  const delegated = db
    .selectFrom('action_delegations as d')
    .innerJoin('actions as a', 'a.id', 'd.action_id')
    .select('a.id')
    .where('a.org_id', '=', orgId)
    .where('d.delegate_person_id', '=', personId)
    .where('d.revoked_at', 'is', null);
  // why: one round trip; the ids stay a subquery of their own, so the planner still probes by key.
  const rows = await selectView(actionViews(db, orgId))
    .where('actions.state', '!=', 'withdrawn')
    .where('actions.id', 'in', owned.union(delegated))
    .orderBy('actions.due_date')
    .orderBy('objectives.number')
    .orderBy('actions.ref')
    .execute();
  return rows.map(toView);
}
