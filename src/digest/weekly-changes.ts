import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { Rag } from '../db/schema.js';

export interface RagChange {
  actionId: string;
  /** RAG of the latest update before the week began; null when the action had none. */
  from: Rag | null;
  /** RAG of the latest update in the week. */
  to: Rag;
}

export interface WeeklyChanges {
  from: Date;
  to: Date;
  /** Status updates recorded in the week (every kind: updates, on track, done, reopen …). */
  updates: number;
  /** Distinct actions with at least one update in the week. */
  actionsUpdated: number;
  /** Actions whose RAG at the end of the week differs from before it, in update order. */
  ragChanges: RagChange[];
  /** Actions completed in the week (and still complete). */
  completedIds: string[];
}

/**
 * What happened to the plan in [from, to): counted only for the actions in `actionIds` (the digest's
 * priority-area filter), so a limited digest reports only its areas.
 */
export async function weeklyChanges(
  db: Executor,
  orgId: string,
  actionIds: ReadonlySet<string>,
  from: Date,
  to: Date,
): Promise<WeeklyChanges> {
  const updated = await db
    .selectFrom('status_updates as su')
    .select([
      'su.action_id as actionId',
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<Rag>`(array_agg(su.rag order by su.created_at desc))[1]`.as('lastRag'),
      sql<Date>`max(su.created_at)`.as('lastAt'),
      (eb) =>
        eb
          .selectFrom('status_updates as p')
          .select('p.rag')
          .whereRef('p.action_id', '=', 'su.action_id')
          .where('p.created_at', '<', from)
          .orderBy('p.created_at', 'desc')
          .limit(1)
          .as('ragBefore'),
    ])
    .where('su.org_id', '=', orgId)
    .where('su.created_at', '>=', from)
    .where('su.created_at', '<', to)
    .groupBy('su.action_id')
    .execute();
  const mine = updated.filter((u) => actionIds.has(u.actionId));
  const completed = await db
    .selectFrom('actions')
    .select(['id', 'completed_at'])
    .where('org_id', '=', orgId)
    .where('state', '=', 'complete')
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to)
    .orderBy('completed_at')
    .execute();
  return {
    from,
    to,
    updates: mine.reduce((sum, u) => sum + Number(u.n), 0),
    actionsUpdated: mine.length,
    ragChanges: mine
      .filter((u) => u.ragBefore !== u.lastRag)
      .sort((a, b) => new Date(a.lastAt).getTime() - new Date(b.lastAt).getTime())
      .map((u) => ({ actionId: u.actionId, from: u.ragBefore ?? null, to: u.lastRag })),
    completedIds: completed.filter((c) => actionIds.has(c.id)).map((c) => c.id),
  };
}
