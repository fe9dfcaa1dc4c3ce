import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { ConversationKind } from '../db/schema.js';
import { newId } from '../shared/ids.js';

export interface ConversationCapture {
  conversationId: string;
  kind: ConversationKind;
  serviceUrl: string;
  aadObjectId?: string | undefined;
  teamId?: string | undefined;
  channelName?: string | undefined;
  /** botbuilder's ConversationReference, stored whole for proactive sends. */
  reference: Record<string, unknown>;
}

/**
 * Stores (or refreshes) where a conversation can be reached; a personal chat is linked to the roster person
 * with the same Entra object id. Returns the stored row's id, and whether the conversation is new.
 */
export async function recordConversation(
  db: Executor,
  orgId: string,
  c: ConversationCapture,
  now: Date,
): Promise<{ id: string; isNew: boolean }> {
  const person =
    c.kind === 'personal' && c.aadObjectId
      ? await db
          .selectFrom('people')
          .select('id')
          .where('org_id', '=', orgId)
          .where('aad_object_id', '=', c.aadObjectId.toLowerCase())
          .executeTakeFirst()
      : undefined;
  const values = {
    kind: c.kind,
    person_id: person?.id ?? null,
    aad_object_id: c.aadObjectId?.toLowerCase() ?? null,
    team_id: c.teamId ?? null,
    channel_name: c.channelName ?? null,
    service_url: c.serviceUrl,
    reference: JSON.stringify(c.reference),
    updated_at: now,
  };
  const row = await db
    .insertInto('conversation_refs')
    .values({ id: newId(), org_id: orgId, conversation_id: c.conversationId, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'conversation_id']).doUpdateSet(values))
    .returning(['id', sql<boolean>`(xmax = 0)`.as('isNew')])
    .executeTakeFirstOrThrow();
  return { id: row.id, isNew: row.isNew };
}

/** saveConversation when only the stored row's id matters. */
export async function saveConversation(
  db: Executor,
  orgId: string,
  c: ConversationCapture,
  now: Date,
): Promise<string> {
  return (await recordConversation(db, orgId, c, now)).id;
}

export async function findConversation(db: Executor, orgId: string, conversationId: string) {
  return db
    .selectFrom('conversation_refs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}

/** The personal chat of a roster person, most recently used first. */
export async function personalConversationOf(db: Executor, orgId: string, personId: string) {
  return db
    .selectFrom('conversation_refs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('kind', '=', 'personal')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
}

/** Links personal chats captured before the person was on the roster (run after a roster import). */
export async function linkConversationsToPeople(db: Executor, orgId: string): Promise<void> {
  await db
    .updateTable('conversation_refs as c')
    .from('people as p')
    .set((eb) => ({ person_id: eb.ref('p.id') }))
    .whereRef('p.aad_object_id', '=', 'c.aad_object_id')
    .where('p.org_id', '=', orgId)
    .where('c.org_id', '=', orgId)
    .where('c.kind', '=', 'personal')
    .execute();
}
