import type { Kysely, Transaction } from 'kysely';
import { canOnAction, type Viewer } from '../access/viewer.js';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';
import { findActionByIdBatched } from '../plan/action-by-id.batch.js';
import type { ActionView } from '../plan/action-view.js';
import { newId } from '../shared/ids.js';
import { firstProblem, type StatusUpdateInput, statusUpdateInputSchema } from './status-update.input.js';
import {
  NOT_YOURS,
  type RecordResult,
  refused,
  type StatusUpdateRow,
  type UpdateKind,
} from './status-update.js';
import { writeStatusUpdate } from './status-update.write.js';

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
 * action on the server, then writes the update, the action's current status and the audit entry together
 * (one statement). The same idempotency key twice records one update.
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
  const record = async (ex: Executor): Promise<RecordResult> => {
    const action = await findActionByIdBatched(ex, viewer.orgId, data.actionId);
    if (!action || !(await canOnAction(ex, viewer, action, 'updateAction'))) {
      return refused(action ? 'not_allowed' : 'not_found', NOT_YOURS);
    }
    if (action.state !== 'open') {
      // why: a repeat of the submit that closed the action is answered as that submit, not as a refusal.
      const earlier = key ? await findByKey(ex, viewer.orgId, key) : undefined;
      if (earlier) return { kind: 'duplicate' as const, update: earlier, action };
      return refused(
        'closed',
        `${action.ref} is ${action.state === 'complete' ? 'complete' : 'withdrawn from the plan'}, so it takes no more updates.`,
      );
    }
    // why: the key's unique index decides a repeat; looking it up first would cost every submit a round trip.
    const update = await writeStatusUpdate(
      ex,
      viewer,
      action,
      {
        id: newId(),
        kind,
        rag: data.rag,
        percent: data.percent,
        narrative: data.narrative ?? null,
        evidenceUrl: data.evidenceUrl ?? null,
        blockers: data.blockers ?? null,
        key,
      },
      now,
    );
    if (!update) {
      // why: the same submit was recorded before, or raced in on another connection (Teams redelivers after 15 s).
      const winner = key ? await findByKey(ex, viewer.orgId, key) : undefined;
      if (winner) return { kind: 'duplicate' as const, update: winner, action };
      return refused('invalid', 'The update could not be recorded. Please try again.');
    }
    const state = kind === 'done' ? ('complete' as const) : action.state;
    // why: the columns just written, rather than reading the action again.
    const after: ActionView = { ...action, rag: data.rag, percent: data.percent, lastUpdateAt: now, state };
    await options.alsoInTransaction?.(ex as Transaction<DB>, update, after);
    return {
      kind: 'recorded' as const,
      update,
      action: after,
      before: { rag: action.rag, percent: action.percent },
    };
  };
  // why: the update's own writes are one statement (writeStatusUpdate); a transaction only when more must join it.
  return options.alsoInTransaction ? db.transaction().execute(record) : record(db);
}

async function findByKey(db: Executor, orgId: string, key: string): Promise<StatusUpdateRow | undefined> {
  return db
    .selectFrom('status_updates')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}
