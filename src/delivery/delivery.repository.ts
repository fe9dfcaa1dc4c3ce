import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { FailureKind } from './delivery.table.js';

export interface ClaimedMessage {
  id: string;
  orgId: string;
  /** reminder, pulse, digest…: what the message is, for metrics and logs. */
  kind: string;
  conversationRefId: string | null;
  personId: string | null;
  payload: Record<string, unknown>;
  /** Including this claim. */
  attempts: number;
  claimToken: string;
}

export interface ClaimOptions {
  limit: number;
  now: Date;
  leaseMs: number;
  token: string;
  /** Only these organisations (a test or bench sharing a database with others). */
  onlyOrgs?: string[];
}

/**
 * Claims due messages (pending and due, or sending with an expired lease) for this worker. One statement:
 * `FOR UPDATE SKIP LOCKED` lets several workers claim side by side without blocking or sharing a row.
 */
export async function claimDue(db: Executor, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const { now, onlyOrgs } = options;
  const rows = await db
    .updateTable('outbox')
    .set({
      state: 'sending',
      claimed_until: new Date(now.getTime() + options.leaseMs),
      claim_token: options.token,
      attempts: sql`attempts + 1`,
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('state', '=', 'pending'), w('next_attempt_at', '<=', now)]),
            w.and([w('state', '=', 'sending'), w('claimed_until', '<=', now)]),
          ]),
        )
        .$if(onlyOrgs !== undefined, (q) => q.where('org_id', 'in', onlyOrgs?.length ? onlyOrgs : [' none ']))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(options.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'org_id', 'kind', 'conversation_ref_id', 'person_id', 'payload', 'attempts'])
    .execute();
  // why: RETURNING order is unspecified; sending in id order keeps one conversation's messages in order.
  rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    kind: r.kind,
    conversationRefId: r.conversation_ref_id,
    personId: r.person_id,
    payload: r.payload,
    attempts: r.attempts,
    claimToken: options.token,
  }));
}

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
