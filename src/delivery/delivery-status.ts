import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { OutboxState } from '../db/schema.js';
import type { FailureKind } from './delivery.table.js';

export interface FailedRecipient {
  /** The person, when the message went to one (directly or through their 1:1). */
  personId: string | null;
  /** A person's display name or a channel's name. */
  name: string;
  kind: 'person' | 'channel' | 'chat';
  failure: FailureKind;
  reason: string;
  status: number | null;
  messageKind: string;
  at: Date;
}

export interface DeliveryStatus {
  counts: Record<OutboxState, number>;
  /** Recipients whose latest finished message failed for good, newest first. */
  failed: FailedRecipient[];
}

/** Per state counts and failed recipients of one organisation (the `delivery status` command). */
export async function deliveryStatus(db: Executor, orgId: string): Promise<DeliveryStatus> {
  const rows = await db
    .selectFrom('outbox')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy('state')
    .execute();
  const counts: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return { counts, failed: await latestFailures(db, orgId) };
}

/**
 * Recipients (people or channels) the bot cannot reach: their latest finished message failed because they
 * blocked the bot, removed the app or the conversation is gone. The weekly digest shows these to leaders.
 */
export async function listUnreachable(db: Executor, orgId: string): Promise<FailedRecipient[]> {
  return (await latestFailures(db, orgId)).filter((r) => r.failure === 'unreachable');
}

async function latestFailures(db: Executor, orgId: string): Promise<FailedRecipient[]> {
  // why: DISTINCT ON keeps one row per recipient, the latest finished one (ids grow with time).
  const latest = db
    .selectFrom('outbox as o')
    .leftJoin('conversation_refs as c', 'c.id', 'o.conversation_ref_id')
    .select([
      sql<string>`coalesce(o.person_id::text, c.person_id::text, o.conversation_ref_id::text)`.as(
        'recipient',
      ),
      sql<string | null>`coalesce(o.person_id, c.person_id)`.as('person_id'),
      'c.kind as conversation_kind',
      'c.channel_name',
      'o.state',
      'o.failure_kind',
      'o.last_error',
      'o.last_status',
      'o.kind as message_kind',
      'o.created_at',
    ])
    .distinctOn(sql`coalesce(o.person_id::text, c.person_id::text, o.conversation_ref_id::text)`)
    .where('o.org_id', '=', orgId)
    .where('o.state', 'in', ['sent', 'failed'])
    .orderBy(sql`coalesce(o.person_id::text, c.person_id::text, o.conversation_ref_id::text)`)
    .orderBy('o.id', 'desc')
    .as('latest');
  const rows = await db
    .selectFrom(latest)
    .leftJoin('people as p', 'p.id', 'latest.person_id')
    .select([
      'latest.person_id',
      'latest.conversation_kind',
      'latest.channel_name',
      'latest.failure_kind',
      'latest.last_error',
      'latest.last_status',
      'latest.message_kind',
      'latest.created_at',
      'p.display_name',
    ])
    .where('latest.state', '=', 'failed')
    .orderBy('latest.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.display_name ?? r.channel_name ?? 'a group chat',
    kind: r.person_id ? 'person' : r.conversation_kind === 'channel' ? 'channel' : 'chat',
    failure: r.failure_kind ?? 'gave_up',
    reason: r.last_error ?? 'unknown',
    status: r.last_status,
    messageKind: r.message_kind,
    at: r.created_at,
  }));
}
