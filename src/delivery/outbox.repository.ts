import type { Executor } from '../db/executor.js';

/** Where a proactive message goes: a stored conversation, or a roster person (1:1 created if none yet). */
export type OutboxTarget = { conversationRefId: string } | { personId: string };

export interface OutboxIntent {
  /** Unique per organisation: the same key twice is one message (e.g. `reminder:2026-12-01:<personId>`). */
  key: string;
  kind: string;
  target: OutboxTarget;
  /** A Bot Framework message activity, e.g. `{ type: 'message', attachments: [cardAttachment] }`. */
  activity: Record<string, unknown>;
  /** Earliest send time; default now. */
  notBefore?: Date;
}

/**
 * Records the intent to send, in the caller's transaction, so the message exists exactly when the change
 * that caused it does. Returns false when a message with this key was already recorded.
 */
export async function enqueueMessage(
  db: Executor,
  orgId: string,
  intent: OutboxIntent,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values({
      org_id: orgId,
      idempotency_key: intent.key,
      kind: intent.kind,
      conversation_ref_id: 'conversationRefId' in intent.target ? intent.target.conversationRefId : null,
      person_id: 'personId' in intent.target ? intent.target.personId : null,
      payload: JSON.stringify(intent.activity),
      next_attempt_at: intent.notBefore ?? now,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
