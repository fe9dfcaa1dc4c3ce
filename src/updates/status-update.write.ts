import type { Viewer } from '../access/viewer.js';
import type { Executor } from '../db/executor.js';
import type { Rag } from '../db/schema.js';
import type { ActionView } from '../plan/action-view.js';
import type { StatusUpdateRow, UpdateKind } from './status-update.js';

/** A status update as the service decided it: checked, with its id and the author's scoped key. */
export interface UpdateToWrite {
  id: string;
  kind: UpdateKind;
  rag: Rag;
  percent: number;
  narrative: string | null;
  evidenceUrl: string | null;
  blockers: string | null;
  key: string | null;
}

/**
 * Writes the update, the action's current status and the audit entry in ONE statement (data-modifying CTEs),
 * so they stand or fall together without a transaction of their own: one round trip instead of five with
 * BEGIN and COMMIT. The action and its audit entry are written only if the update was (why: a key seen
 * before inserts nothing, and then nothing else may change). Returns the update, or undefined for a key
 * already recorded.
 */
export async function writeStatusUpdate(
  db: Executor,
  viewer: Viewer,
  action: ActionView,
  u: UpdateToWrite,
  now: Date,
): Promise<StatusUpdateRow | undefined> {
  const done = u.kind === 'done';
  const after = {
    updateId: u.id,
    rag: u.rag,
    percent: u.percent,
    state: done ? 'complete' : action.state,
    narrative: u.narrative,
    blockers: u.blockers,
    evidenceUrl: u.evidenceUrl,
  };
  const before = { rag: action.rag, percent: action.percent, state: action.state };
  return db
    .with('recorded', (w) =>
      w
        .insertInto('status_updates')
        .values({
          id: u.id,
          org_id: viewer.orgId,
          action_id: action.id,
          author_person_id: viewer.person.id,
          kind: u.kind,
          rag: u.rag,
          percent: u.percent,
          narrative: u.narrative,
          evidence_url: u.evidenceUrl,
          blockers: u.blockers,
          idempotency_key: u.key,
          created_at: now,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll(),
    )
    .with('moved', (w) =>
      w
        .updateTable('actions')
        .set({
          rag: u.rag,
          percent: u.percent,
          last_update_at: now,
          updated_at: now,
          ...(done ? { state: 'complete' as const, completed_at: now } : {}),
        })
        .where('org_id', '=', viewer.orgId)
        .where('id', '=', action.id)
        .where((eb) => eb.exists(eb.selectFrom('recorded').select('recorded.id')))
        .returning('actions.id'),
    )
    .with('audited', (w) =>
      w
        .insertInto('audit_log')
        .columns([
          'org_id',
          'actor_person_id',
          'actor',
          'entity',
          'entity_id',
          'change',
          'before',
          'after',
          'at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('recorded')
            .select([
              eb.val(viewer.orgId).as('org_id'),
              eb.cast(eb.val(viewer.person.id), 'uuid').as('actor_person_id'),
              eb.val(viewer.person.display_name).as('actor'),
              eb.val('action').as('entity'),
              eb.val(action.id).as('entity_id'),
              eb.val(`status_${u.kind}`).as('change'),
              eb.cast(eb.val(JSON.stringify(before)), 'jsonb').as('before'),
              eb.cast(eb.val(JSON.stringify(after)), 'jsonb').as('after'),
              eb.cast(eb.val(now), 'timestamptz').as('at'),
            ]),
        )
        .returning('audit_log.id'),
    )
    .selectFrom('recorded')
    .selectAll()
    .executeTakeFirst();
}
