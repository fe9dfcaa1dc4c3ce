import type { Executor } from '../db/executor.js';
import { WAITING_FOR_INSTALL } from './delivery-target.js';

/**
 * The organisation has just been heard from (the app installed, a message), so its service URL is known:
 * messages that were waiting for that are due now rather than at their next check.
 */
export async function wakeWaitingMessages(db: Executor, orgId: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: now })
    .where('org_id', '=', orgId)
    .where('state', '=', 'pending')
    .where('last_error', '=', WAITING_FOR_INSTALL)
    .where('next_attempt_at', '>', now)
    .execute();
}
