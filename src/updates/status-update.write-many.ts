import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { Rag } from '../db/schema.js';
import type { StatusUpdateRow } from './status-update.js';
import { AUDIT_COLUMNS, UPDATE_COLUMNS, type UpdateRow } from './status-update.rows.js';

const column = <K extends keyof UpdateRow>(rows: UpdateRow[], key: K): UpdateRow[K][] =>
  rows.map((r) => r[key]);

/** The rows as a table: whole columns as arrays, so any number of updates is one statement of 15 parameters. */
const inputOf = (rows: UpdateRow[]) =>
  sql<
    UpdateRow & { ord: number }
  >`(select * from unnest(${column(rows, 'id')}::uuid[], ${column(rows, 'org_id')}::text[],
      ${column(rows, 'action_id')}::uuid[], ${column(rows, 'author_person_id')}::uuid[], ${column(rows, 'actor')}::text[],
      ${column(rows, 'kind')}::text[], ${column(rows, 'rag')}::text[], ${column(rows, 'percent')}::int[],
      ${column(rows, 'narrative')}::text[], ${column(rows, 'evidence_url')}::text[], ${column(rows, 'blockers')}::text[],
      ${column(rows, 'idempotency_key')}::text[], ${column(rows, 'created_at')}::timestamptz[], ${column(rows, 'before')}::jsonb[],
      ${column(rows, 'after')}::jsonb[]) with ordinality
    as t(id, org_id, action_id, author_person_id, actor, kind, rag, percent, narrative, evidence_url, blockers,
      idempotency_key, created_at, before, after, ord))`.as('input');

/**
 * Writes many updates, their actions' current status and their audit entries in ONE statement (data-modifying
 * CTEs), so they stand or fall together without a transaction of their own. An action and its audit entry are
 * written only for an update that was (why: a key seen before inserts nothing, and then nothing else may
 * change). Returns each row's update, or undefined for a key already recorded.
 */
export async function writeMany(db: Executor, rows: UpdateRow[]): Promise<(StatusUpdateRow | undefined)[]> {
  const written = await db
    .with('input', (qc) => qc.selectFrom(inputOf(rows)).selectAll())
    .with('recorded', (w) =>
      w
        .insertInto('status_updates')
        .columns([...UPDATE_COLUMNS])
        .expression((eb) => eb.selectFrom('input').select([...UPDATE_COLUMNS]))
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll(),
    )
    .with('moved', (w) =>
      w
        .updateTable('actions')
        .from((eb) =>
          eb
            .selectFrom('recorded')
            .innerJoin('input', 'input.id', 'recorded.id')
            .select([
              'recorded.org_id',
              'recorded.action_id',
              // why: several updates of one action in a batch: the last sent sets its status; any done completes it.
              sql<Rag>`(array_agg(recorded.rag order by input.ord desc))[1]`.as('rag'),
              sql<number>`(array_agg(recorded.percent order by input.ord desc))[1]`.as('percent'),
              sql<Date>`max(recorded.created_at)`.as('at'),
              sql<Date | null>`min(recorded.created_at) filter (where recorded.kind = 'done')`.as('done_at'),
            ])
            .groupBy(['recorded.org_id', 'recorded.action_id'])
            .as('latest'),
        )
        .set((eb) => ({
          rag: eb.ref('latest.rag'),
          percent: eb.ref('latest.percent'),
          last_update_at: eb.ref('latest.at'),
          updated_at: eb.ref('latest.at'),
          state: sql`case when latest.done_at is null then actions.state else 'complete' end`,
          completed_at: sql`coalesce(latest.done_at, actions.completed_at)`,
        }))
        .whereRef('actions.org_id', '=', 'latest.org_id')
        .whereRef('actions.id', '=', 'latest.action_id')
        .returning('actions.id'),
    )
    .with('audited', (w) =>
      w
        .insertInto('audit_log')
        .columns([...AUDIT_COLUMNS])
        .expression((eb) =>
          eb
            .selectFrom('recorded')
            .innerJoin('input', 'input.id', 'recorded.id')
            .select((s) => [
              'input.org_id',
              'input.author_person_id',
              'input.actor',
              sql<string>`'action'`.as('entity'),
              sql<string>`input.action_id::text`.as('entity_id'),
              sql<string>`'status_' || input.kind`.as('change'),
              'input.before',
              'input.after',
              s.ref('input.created_at').as('at'),
            ]),
        )
        .returning('audit_log.id'),
    )
    .selectFrom('recorded')
    .selectAll()
    .execute();
  const byId = new Map(written.map((u) => [u.id, u]));
  return rows.map((r) => byId.get(r.id));
}
