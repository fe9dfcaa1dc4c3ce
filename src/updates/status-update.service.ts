import type { Kysely, Transaction } from 'kysely';
import { canOnAction, type Viewer } from '../access/viewer.js';
import type { DB } from '../db/schema.js';
import { findActionById } from '../plan/action.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { newId } from '../shared/ids.js';
import { auditActionChange } from './audit-by-viewer.js';
import { firstProblem, type StatusUpdateInput, statusUpdateInputSchema } from './status-update.input.js';
import {
  NOT_YOURS,
  type RecordResult,
  refused,
  type StatusUpdateRow,
  type UpdateKind,
} from './status-update.js';

export interface RecordOptions {
  /** Default 'update'. 'done' also marks the action complete. */
  kind?: UpdateKind;
  /** More writes that belong to the same change (e.g. a help request's outbox message), in its transaction. */
  alsoInTransaction?: (trx: Transaction<DB>, update: StatusUpdateRow, action: ActionView) => Promise<void>;
}

/** Scopes a client's key to its author, so one person's key can never collide with (or reveal) another's. */
const scopedKey = (viewer: Viewer, key: string | undefined) => (key ? `${viewer.person.id}:${key}` : null);

/**
 * Records a status update from the bot or the tab. Checks the input and the sender's right to update the
 * action on the server, then writes the update, the action's current status and the audit entry in one
 * transaction. The same idempotency key twice records one update.
 */
export async function recordStatusUpdate(
  db: Kysely<DB>,
  viewer: Viewer,
  input: StatusUpdateInput,
  now: Date,
  options: RecordOptions = {},
): Promise<RecordResult> {
  const parsed = statusUpdateInputSchema.safeParse(input);
  if (!parsed.success) return refused('invalid', firstProblem(parsed.error));
  const data = parsed.data;
  const kind = options.kind ?? 'update';
  const key = scopedKey(viewer, data.idempotencyKey);
  return db.transaction().execute(async (trx) => {
    const action = await findActionById(trx, viewer.orgId, data.actionId);
    if (!action || !(await canOnAction(trx, viewer, action, 'updateAction'))) {
      return refused(action ? 'not_allowed' : 'not_found', NOT_YOURS);
    }
    if (action.state !== 'open') {
      // why: a repeat of the submit that closed the action is answered as that submit, not as a refusal.
      const earlier = key ? await findByKey(trx, viewer.orgId, key) : undefined;
      if (earlier) return { kind: 'duplicate' as const, update: earlier, action };
      return refused(
        'closed',
        `${action.ref} is ${action.state === 'complete' ? 'complete' : 'withdrawn from the plan'}, so it takes no more updates.`,
      );
    }
    // why: the key's unique index decides a repeat; looking it up first would cost every submit a round trip.
    const update = await trx
      .insertInto('status_updates')
      .values({
        id: newId(),
        org_id: viewer.orgId,
        action_id: action.id,
        author_person_id: viewer.person.id,
        kind,
        rag: data.rag,
        percent: data.percent,
        narrative: data.narrative ?? null,
        evidence_url: data.evidenceUrl ?? null,
        blockers: data.blockers ?? null,
        idempotency_key: key,
        created_at: now,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!update) {
      // why: the same submit was recorded before, or raced in on another connection (Teams redelivers after 15 s).
      const winner = key ? await findByKey(trx, viewer.orgId, key) : undefined;
      if (winner) return { kind: 'duplicate' as const, update: winner, action };
      return refused('invalid', 'The update could not be recorded. Please try again.');
    }
    const done = kind === 'done';
    const state = done ? ('complete' as const) : action.state;
    await trx
      .updateTable('actions')
      .set({
        rag: data.rag,
        percent: data.percent,
        last_update_at: now,
        updated_at: now,
        ...(done ? { state, completed_at: now } : {}),
      })
      .where('org_id', '=', viewer.orgId)
      .where('id', '=', action.id)
      .execute();
    await auditActionChange(
      trx,
      viewer,
      action.id,
      {
        change: `status_${kind}`,
        before: { rag: action.rag, percent: action.percent, state: action.state },
        after: {
          updateId: update.id,
          rag: data.rag,
          percent: data.percent,
          state,
          narrative: update.narrative,
          blockers: update.blockers,
          evidenceUrl: update.evidence_url,
        },
      },
      now,
    );
    // why: the columns just written, rather than reading the action again.
    const after: ActionView = { ...action, rag: data.rag, percent: data.percent, lastUpdateAt: now, state };
    await options.alsoInTransaction?.(trx, update, after);
    return {
      kind: 'recorded' as const,
      update,
      action: after,
      before: { rag: action.rag, percent: action.percent },
    };
  });
}

async function findByKey(
  db: Transaction<DB>,
  orgId: string,
  key: string,
): Promise<StatusUpdateRow | undefined> {
  return db
    .selectFrom('status_updates')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}
