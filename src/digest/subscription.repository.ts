import { recordAudit } from '../audit/audit.repository.js';
import type { Executor } from '../db/executor.js';
import { newId } from '../shared/ids.js';
import './digest.table.js';

export interface DigestSubscription {
  id: string;
  conversationRefId: string;
  channelName: string | null;
  priorityAreas: string[];
  createdByPersonId: string | null;
  createdAt: Date;
}

export interface SubscribeInput {
  conversationRefId: string;
  priorityAreas: string[];
  personId: string;
  actor: string;
}

/** Subscribes a conversation (or changes its area filter); audited. Returns the subscription id. */
export async function subscribeDigest(
  db: Executor,
  orgId: string,
  input: SubscribeInput,
  now: Date,
): Promise<string> {
  const before = await db
    .selectFrom('digest_subscriptions')
    .select(['id', 'priority_areas'])
    .where('org_id', '=', orgId)
    .where('conversation_ref_id', '=', input.conversationRefId)
    .executeTakeFirst();
  const row = await db
    .insertInto('digest_subscriptions')
    .values({
      id: newId(),
      org_id: orgId,
      conversation_ref_id: input.conversationRefId,
      priority_areas: JSON.stringify(input.priorityAreas),
      created_by_person_id: input.personId,
      created_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'conversation_ref_id'])
        .doUpdateSet({ priority_areas: JSON.stringify(input.priorityAreas) }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(
    db,
    orgId,
    [
      {
        actorPersonId: input.personId,
        actor: input.actor,
        entity: 'digest_subscription',
        entityId: input.conversationRefId,
        change: before ? 'changed' : 'subscribed',
        before: before ? { priorityAreas: before.priority_areas } : undefined,
        after: { priorityAreas: input.priorityAreas },
      },
    ],
    now,
  );
  return row.id;
}

/** Ends a conversation's subscription; audited. False when it had none. */
export async function unsubscribeDigest(
  db: Executor,
  orgId: string,
  conversationRefId: string,
  by: { personId: string; actor: string },
  now: Date,
): Promise<boolean> {
  const removed = await db
    .deleteFrom('digest_subscriptions')
    .where('org_id', '=', orgId)
    .where('conversation_ref_id', '=', conversationRefId)
    .returning('priority_areas')
    .executeTakeFirst();
  if (!removed) return false;
  await recordAudit(
    db,
    orgId,
    [
      {
        actorPersonId: by.personId,
        actor: by.actor,
        entity: 'digest_subscription',
        entityId: conversationRefId,
        change: 'unsubscribed',
        before: { priorityAreas: removed.priority_areas },
      },
    ],
    now,
  );
  return true;
}

export async function findSubscription(
  db: Executor,
  orgId: string,
  conversationRefId: string,
): Promise<DigestSubscription | undefined> {
  return (await listSubscriptions(db, orgId)).find((s) => s.conversationRefId === conversationRefId);
}

export async function listSubscriptions(db: Executor, orgId: string): Promise<DigestSubscription[]> {
  const rows = await db
    .selectFrom('digest_subscriptions as s')
    .innerJoin('conversation_refs as c', 'c.id', 's.conversation_ref_id')
    .select([
      's.id',
      's.conversation_ref_id',
      'c.channel_name',
      's.priority_areas',
      's.created_by_person_id',
      's.created_at',
    ])
    .where('s.org_id', '=', orgId)
    .orderBy('s.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    conversationRefId: r.conversation_ref_id,
    channelName: r.channel_name,
    priorityAreas: r.priority_areas,
    createdByPersonId: r.created_by_person_id,
    createdAt: r.created_at,
  }));
}
