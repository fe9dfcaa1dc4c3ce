import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';

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
  /** When the message was recorded: a message waiting for the bot to be installed waits only so long. */
  createdAt: Date;
  claimToken: string;
  /** The stored conversation of `conversationRefId`, read with the claim (null when gone or not used). */
  conversation: { id: string; reference: Record<string, unknown> } | null;
}

export interface ClaimOptions {
  limit: number;
  now: Date;
  leaseMs: number;
  token: string;
  /** At most this many per organisation, so one council's big fan-out does not hold up the others. */
  perOrgLimit?: number;
  /** How many of each organisation's messages this worker holds already: they count towards perOrgLimit. */
  held?: Record<string, number>;
  /** Only these organisations (a test or bench sharing a database with others). */
  onlyOrgs?: string[];
}

/** Pending and due, or sending with a lease that ran out (its worker died or hung). */
function claimable(now: Date) {
  return (w: ExpressionBuilder<DB, 'outbox'>) =>
    w.or([
      w.and([w('state', '=', 'pending'), w('next_attempt_at', '<=', now)]),
      w.and([w('state', '=', 'sending'), w('claimed_until', '<=', now)]),
    ]);
}

/**
 * Claims due messages for this worker in one statement: `FOR UPDATE SKIP LOCKED` lets several workers
 * claim side by side without blocking or sharing a row. Oldest first, but at most `perOrgLimit` per
 * organisation, since each organisation (tenant) has its own Teams limit to fill.
 */
export async function claimDue(db: Executor, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const { now, onlyOrgs, held = {} } = options;
  const perOrg = options.perOrgLimit ?? options.limit;
  const excludeOrgs = Object.keys(held).filter((orgId) => (held[orgId] ?? 0) >= perOrg);
  // why: a council's messages in hand count first, so a long fan-out cannot fill every slot claim after claim.
  const inHand = sql<number>`coalesce((${JSON.stringify(held)}::jsonb ->> org_id)::int, 0)`;
  const ranked = db
    .selectFrom('outbox')
    .select([
      'id',
      sql<number>`${inHand} + row_number() over (partition by org_id order by next_attempt_at, id)`.as(
        'rank',
      ),
    ])
    .where(claimable(now))
    .$if(onlyOrgs !== undefined, (q) => q.where('org_id', 'in', onlyOrgs?.length ? onlyOrgs : [' none ']))
    .$if(excludeOrgs.length > 0, (q) => q.where('org_id', 'not in', excludeOrgs))
    .as('ranked');
  const rows = await db
    .with('claimed', (qc) =>
      qc
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
            .where('id', 'in', eb.selectFrom(ranked).select('ranked.id').where('ranked.rank', '<=', perOrg))
            // why: the ranking read no locks, so the row must still be claimable when it is locked.
            .where(claimable(now))
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(options.limit)
            .forUpdate()
            .skipLocked(),
        )
        .returning([
          'id',
          'org_id',
          'kind',
          'conversation_ref_id',
          'person_id',
          'payload',
          'attempts',
          'created_at',
        ]),
    )
    .selectFrom('claimed')
    // why: reading the target with the claim saves a round trip per message.
    .leftJoin('conversation_refs as c', (join) =>
      join.onRef('c.id', '=', 'claimed.conversation_ref_id').onRef('c.org_id', '=', 'claimed.org_id'),
    )
    .selectAll('claimed')
    .select(['c.conversation_id as ref_conversation_id', 'c.reference as ref_reference'])
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
    createdAt: r.created_at,
    claimToken: options.token,
    conversation:
      r.ref_conversation_id && r.ref_reference
        ? { id: r.ref_conversation_id, reference: r.ref_reference }
        : null,
  }));
}

/**
 * Whether anything is claimable now, in one cheap indexed read. why: an idle worker asks every poll, and on
 * the embedded store each query holds this process's event loop; the claim itself costs several times more.
 */
export async function anyDue(db: Executor, now: Date, onlyOrgs?: string[]): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where(claimable(now))
    .$if(onlyOrgs !== undefined, (q) => q.where('org_id', 'in', onlyOrgs?.length ? onlyOrgs : [' none ']))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Extends the leases of messages this worker is still working on, so only a dead worker's claims run out. */
export async function renewLeases(db: Executor, messages: ClaimedMessage[], until: Date): Promise<void> {
  if (messages.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ claimed_until: until })
    .where(
      'id',
      'in',
      messages.map((m) => m.id),
    )
    .where('state', '=', 'sending')
    .where('claim_token', 'in', [...new Set(messages.map((m) => m.claimToken))])
    .execute();
}
