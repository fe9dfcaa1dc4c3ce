import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Kysely } from 'kysely';
import { ProactiveSender } from '../../bot/proactive-sender.js';
import type { DB } from '../../src/db/schema.js';
import { newId } from '../../src/shared/ids.js';

export interface Recipient {
  personId: string;
  refId: string;
  conversationId: string;
}

/** People with a stored personal conversation each, reachable at `serviceUrl`. */
export async function seedRecipients(
  db: Kysely<DB>,
  orgId: string,
  serviceUrl: string,
  count: number,
): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  const batchTag = newId().slice(0, 8);
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
      personId: newId(),
      refId: newId(),
      conversationId: `a:${batchTag}-${start + i}`,
    }));
    await db
      .insertInto('people')
      .values(
        batch.map((r, i) => ({
          id: r.personId,
          org_id: orgId,
          display_name: `Person ${start + i}`,
          email: `p${start + i}.${batchTag}@${orgId}.example`,
          aad_object_id: `aad-${r.personId}`,
        })),
      )
      .execute();
    await db
      .insertInto('conversation_refs')
      .values(batch.map((r) => conversationRef(orgId, serviceUrl, r)))
      .execute();
    recipients.push(...batch);
  }
  return recipients;
}

function conversationRef(orgId: string, serviceUrl: string, r: Recipient) {
  return {
    id: r.refId,
    org_id: orgId,
    conversation_id: r.conversationId,
    kind: 'personal' as const,
    person_id: r.personId,
    aad_object_id: `aad-${r.personId}`,
    service_url: serviceUrl,
    reference: JSON.stringify({
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: r.conversationId, tenantId: orgId, conversationType: 'personal' },
      bot: { id: '28:practice-pulse' },
      user: { id: `29:${r.personId}`, aadObjectId: `aad-${r.personId}` },
    }),
    updated_at: new Date(),
  };
}

export function cardActivity(text: string): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] },
      },
    ],
  };
}

/** One outbox message per recipient, in one statement (fan-outs of thousands). */
export async function enqueueFanout(
  db: Kysely<DB>,
  orgId: string,
  recipients: Recipient[],
  key: string,
): Promise<void> {
  const now = new Date();
  for (let start = 0; start < recipients.length; start += 1_000) {
    await db
      .insertInto('outbox')
      .values(
        recipients.slice(start, start + 1_000).map((r, i) => ({
          org_id: orgId,
          idempotency_key: `${key}:${r.personId}`,
          kind: 'notice',
          conversation_ref_id: r.refId,
          payload: JSON.stringify(cardActivity(`${key} #${start + i}`)),
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .execute();
  }
}

/** The real botbuilder sender, with no credentials (as locally): talks plain HTTP to the fake connector. */
export function localSender(): ProactiveSender {
  return new ProactiveSender(new ConfigurationBotFrameworkAuthentication({}), 'practice-pulse-local');
}

/** Waits until the organisation has nothing pending or sending. */
export async function settled(db: Kysely<DB>, orgId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('state', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow();
    if (Number(open.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox of ${orgId} not settled: ${open.n} open`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
