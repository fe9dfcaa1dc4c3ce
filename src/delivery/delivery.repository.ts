import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { ClaimedMessage } from './claim.repository.js';
import type { FailureKind } from './delivery.table.js';

export interface SentRecord {
  activityId: string;
  conversationId: string;
}

/** Marks a message sent with Teams' ids. Any claimant may: the first to finish a send records it. */
export async function markSent(db: Executor, id: string, sent: SentRecord, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'sent',
      activity_id: sent.activityId,
      sent_conversation_id: sent.conversationId,
      sent_at: now,
      claimed_until: null,
      claim_token: null,
      last_status: null,
      last_error: null,
    })
    .where('id', '=', id)
    .where('state', '<>', 'sent')
    .execute();
}

export interface RetryRecord {
  at: Date;
  status: number | null;
  error: string;
  /** Give the claim back without counting it as an attempt (the worker stopped before trying). */
  uncount?: boolean;
}

/** Puts a message back to pending until `at`; only the current claimant may. */
export async function scheduleRetry(
  db: Executor,
  message: ClaimedMessage,
  retry: RetryRecord,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'pending',
      next_attempt_at: retry.at,
      claimed_until: null,
      claim_token: null,
      last_status: retry.status,
      last_error: retry.error,
      ...(retry.uncount ? { attempts: sql`greatest(attempts - 1, 0)` } : {}),
    })
    .where('id', '=', message.id)
    .where('claim_token', '=', message.claimToken)
    .execute();
}

export interface FailureRecord {
  kind: FailureKind;
  reason: string;
  status: number | null;
}

/** Marks a message failed for good, with the reason shown to leaders; only the current claimant may. */
export async function markFailed(
  db: Executor,
  message: ClaimedMessage,
  failure: FailureRecord,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'failed',
      failure_kind: failure.kind,
      last_status: failure.status,
      last_error: failure.reason,
      claimed_until: null,
      claim_token: null,
    })
    .where('id', '=', message.id)
    .where('claim_token', '=', message.claimToken)
    .execute();
}
