import { type Kysely, sql } from 'kysely';
import { buildDigestCard } from '../../cards/digest.card.js';
import type { Config } from '../config/config.schema.js';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { composeDigest } from './digest.service.js';
import type { DigestView } from './digest-view.js';
import { type DigestSlot, digestKey } from './digest-week.js';
import './digest.table.js';

type DigestConfig = Pick<Config, 'TIME_ZONE' | 'PUBLIC_URL' | 'TEAMS_APP_ID' | 'PULSE_MIN_GROUP'>;

/** A Bot Framework message carrying the digest card, as the outbox stores it. */
export function digestActivity(view: DigestView, minGroup: number): Record<string, unknown> {
  return {
    type: 'message',
    summary: `Weekly digest: ${view.planName}`,
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', content: buildDigestCard(view, minGroup) },
    ],
  };
}

export function digestFor(
  db: Executor,
  orgId: string,
  config: DigestConfig,
  now: Date,
  areas: string[] = [],
  window: { since?: Date; until?: Date } = {},
) {
  return composeDigest(db, orgId, {
    now,
    ...window,
    timeZone: config.TIME_ZONE,
    priorityAreas: areas,
    publicUrl: config.PUBLIC_URL,
    teamsAppId: config.TEAMS_APP_ID,
    minGroup: config.PULSE_MIN_GROUP,
  });
}

/**
 * Enqueues this slot's digest for every subscription made before the slot's time, one outbox message per
 * channel and week (`digest:<conversationRefId>:<week>`), so reruns and other copies add nothing. A channel
 * whose last digest failed as unreachable (bot removed: 403/404) is skipped until the bot hears from it again,
 * so a removed channel costs one failed send, not one a week. Returns how many were enqueued.
 */
export async function publishDigests(
  db: Kysely<DB>,
  orgId: string,
  config: DigestConfig,
  slot: DigestSlot,
  now: Date,
): Promise<number> {
  const due = await db
    .selectFrom('digest_subscriptions as s')
    .innerJoin('conversation_refs as c', 'c.id', 's.conversation_ref_id')
    .select(['s.conversation_ref_id as refId', 's.priority_areas as areas'])
    .where('s.org_id', '=', orgId)
    .where('s.created_at', '<', slot.at)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as o')
            .select('o.id')
            .where('o.org_id', '=', orgId)
            .whereRef('o.conversation_ref_id', '=', 's.conversation_ref_id')
            .where((eb) =>
              eb.or([
                eb(
                  'o.idempotency_key',
                  '=',
                  sql<string>`'digest:' || s.conversation_ref_id || ${`:${slot.week}`}`,
                ),
                eb.and([
                  eb('o.kind', '=', 'digest'),
                  eb('o.failure_kind', '=', 'unreachable'),
                  eb('o.created_at', '>', eb.ref('c.updated_at')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .execute();
  const views = new Map<string, DigestView>();
  let enqueued = 0;
  for (const sub of due) {
    const filter = [...sub.areas].sort();
    const cacheKey = JSON.stringify(filter);
    let view = views.get(cacheKey);
    if (!view) {
      view = await digestFor(db, orgId, config, now, filter, {
        since: slot.previousAt,
        until: slot.at,
      });
      views.set(cacheKey, view);
    }
    const activity = digestActivity(view, config.PULSE_MIN_GROUP);
    const key = digestKey(sub.refId, slot.week);
    const target = { conversationRefId: sub.refId };
    if (await enqueueMessage(db, orgId, { key, kind: 'digest', target, activity }, now)) enqueued++;
  }
  return enqueued;
}
