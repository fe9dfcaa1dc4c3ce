import type { Executor } from '../db/executor.js';

/**
 * Delivery workers on every running copy share each tenant's 50 requests/s. Each worker beats here and
 * takes an equal share of the live ones, so two copies together stay under the limit.
 */
export async function beat(db: Executor, workerId: string, now: Date, staleAfterMs: number): Promise<number> {
  await db
    .insertInto('delivery_workers')
    .values({ id: workerId, started_at: now, heartbeat_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: now }))
    .execute();
  const stale = new Date(now.getTime() - staleAfterMs);
  await db.deleteFrom('delivery_workers').where('heartbeat_at', '<', stale).execute();
  const row = await db
    .selectFrom('delivery_workers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Math.max(1, Number(row.n));
}

export async function leave(db: Executor, workerId: string): Promise<void> {
  await db.deleteFrom('delivery_workers').where('id', '=', workerId).execute();
}

/**
 * How many copies this worker shares the limit with. More copies count at once; fewer only once two beats
 * in a row agree, so a copy whose beat came late (a starved CPU, a slow query) is not taken for gone while
 * it is still sending: for one beat both would otherwise send at the larger share.
 */
export class WorkerCount {
  private current = 0;
  private lowerSeen: number | undefined;

  observe(workers: number): number {
    if (workers >= this.current) {
      this.current = workers;
      this.lowerSeen = undefined;
    } else if (this.lowerSeen === undefined) {
      this.lowerSeen = workers;
    } else {
      this.current = Math.max(workers, this.lowerSeen);
      this.lowerSeen = undefined;
    }
    return this.current;
  }
}

/**
 * This worker's requests/s per tenant when `workers` share `limit`, whole (it is also the cap on requests
 * Teams may count in one second, see TenantWindow); `headroom` leaves room for the replies the bot sends in
 * conversations, which Teams counts too.
 */
export function tenantShare(limit: number, workers: number, headroom = 0.98): number {
  return Math.max(1, Math.floor((limit * headroom) / workers));
}
