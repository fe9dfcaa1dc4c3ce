import type { Executor } from '../db/executor.js';
import type { StatusUpdateRow } from './status-update.js';
import { AUDIT_COLUMNS, type UpdateRow } from './status-update.rows.js';

/**
 * Writes one update, its action's current status and its audit entry in ONE statement (data-modifying CTEs),
 * so they stand or fall together without a transaction of their own. The action and its audit entry are
 * written only if the update was (why: a key seen before inserts nothing, and then nothing else may change).
 * Returns the update, or undefined for a key already recorded. why: writeMany does the same for any number,
 * but its UNNEST and grouping cost a lone update ~0.4 ms more to plan, and a lone update is the common case.
 */
export async function writeOne(db: Executor, row: UpdateRow): Promise<StatusUpdateRow | undefined> {
  const done = row.kind === 'done';
  const at = new Date(row.created_at);
  return db
    .with('recorded', (w) =>
      w
        .insertInto('status_updates')
        .values({
          id: row.id,
          org_id: row.org_id,
          action_id: row.action_id,
          author_person_id: row.author_person_id,
          kind: row.kind,
          rag: row.rag,
          percent: row.percent,
          narrative: row.narrative,
          evidence_url: row.evidence_url,
          blockers: row.blockers,
          idempotency_key: row.idempotency_key,
          created_at: at,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll(),
    )
    .with('moved', (w) =>
      w
        .updateTable('actions')
        .set({
          rag: row.rag,
          percent: row.percent,
          last_update_at: at,
          updated_at: at,
          ...(done ? { state: 'complete' as const, completed_at: at } : {}),
        })
        .where('org_id', '=', row.org_id)
        .where('id', '=', row.action_id)
        .where((eb) => eb.exists(eb.selectFrom('recorded').select('recorded.id')))
        .returning('actions.id'),
    )
    .with('audited', (w) =>
      w
        .insertInto('audit_log')
        .columns([...AUDIT_COLUMNS])
        .expression((eb) =>
          eb
            .selectFrom('recorded')
            .select([
              eb.val(row.org_id).as('org_id'),
              eb.cast(eb.val(row.author_person_id), 'uuid').as('actor_person_id'),
              eb.val(row.actor).as('actor'),
              eb.val('action').as('entity'),
              eb.val(row.action_id).as('entity_id'),
              eb.val(`status_${row.kind}`).as('change'),
              eb.cast(eb.val(row.before), 'jsonb').as('before'),
              eb.cast(eb.val(row.after), 'jsonb').as('after'),
              eb.cast(eb.val(at), 'timestamptz').as('at'),
            ]),
        )
        .returning('audit_log.id'),
    )
    .selectFrom('recorded')
    .selectAll()
    .executeTakeFirst();
}
