import type { Executor } from '../db/executor.js';

/** The narrative of an action's most recent status update, if it has one. */
export async function latestNarrative(db: Executor, orgId: string, actionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('status_updates')
    .select('narrative')
    .where('org_id', '=', orgId)
    .where('action_id', '=', actionId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.narrative ?? null;
}
