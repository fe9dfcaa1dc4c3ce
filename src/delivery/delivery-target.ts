import type { Executor } from '../db/executor.js';
import { newId } from '../shared/ids.js';
import type { ClaimedMessage } from './claim.repository.js';
import type { SendReceipt, SendTarget } from './message-sender.js';

export type ResolvedTarget =
  | {
      ok: true;
      target: SendTarget;
      /** The conversation the send is paced under. */
      pacingKey: string;
      /** Requests the send makes against the tenant's limit (2 when it first creates the 1:1). */
      requests: number;
    }
  | {
      ok: false;
      reason: string;
      /** True while it may become reachable by itself (the app being installed). */
      waits?: boolean;
    };

/** The reason recorded on a message that waits for the first conversation with the organisation. */
export const WAITING_FOR_INSTALL = 'bot not installed in this organisation yet (no service URL known)';

/** Where a claimed message goes: its stored conversation, the person's 1:1, or a 1:1 to create. */
export async function resolveTarget(db: Executor, message: ClaimedMessage): Promise<ResolvedTarget> {
  const { orgId } = message;
  if (message.conversationRefId) {
    const ref = message.conversation;
    if (!ref) return { ok: false, reason: 'conversation reference no longer stored' };
    return {
      ok: true,
      target: { kind: 'conversation', reference: ref.reference },
      pacingKey: ref.id,
      requests: 1,
    };
  }
  const personId = message.personId ?? '';
  const personal = await db
    .selectFrom('conversation_refs')
    .select(['conversation_id', 'reference'])
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('kind', '=', 'personal')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (personal)
    return {
      ok: true,
      target: { kind: 'conversation', reference: personal.reference },
      pacingKey: personal.conversation_id,
      requests: 1,
    };

  const person = await db
    .selectFrom('people')
    .select(['aad_object_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return { ok: false, reason: 'person no longer on the roster' };
  if (!person.aad_object_id)
    return { ok: false, reason: 'person has no Teams identity (Entra object id) yet' };
  // why: a 1:1 is created on the organisation's regional Teams endpoint, learned from any stored conversation.
  const any = await db
    .selectFrom('conversation_refs')
    .select('service_url')
    .where('org_id', '=', orgId)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (!any) return { ok: false, reason: WAITING_FOR_INSTALL, waits: true };
  return {
    ok: true,
    target: {
      kind: 'person',
      tenantId: orgId,
      serviceUrl: any.service_url,
      aadObjectId: person.aad_object_id,
    },
    pacingKey: `person:${personId}`,
    requests: 2,
  };
}

/** Keeps the 1:1 created for a send, so the next message to that person goes straight to it. */
export async function saveCreatedConversation(
  db: Executor,
  message: ClaimedMessage,
  receipt: SendReceipt,
  now: Date,
): Promise<void> {
  if (!receipt.createdReference || !message.personId) return;
  const person = await db
    .selectFrom('people')
    .select('aad_object_id')
    .where('id', '=', message.personId)
    .executeTakeFirst();
  await db
    .insertInto('conversation_refs')
    .values({
      id: newId(),
      org_id: message.orgId,
      conversation_id: receipt.conversationId,
      kind: 'personal',
      person_id: message.personId,
      aad_object_id: person?.aad_object_id ?? null,
      service_url: String(receipt.createdReference.serviceUrl ?? ''),
      reference: JSON.stringify(receipt.createdReference),
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'conversation_id']).doNothing())
    .execute();
}
