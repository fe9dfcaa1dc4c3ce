import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { newId } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import './leader-lock.table.js';

/**
 * Takes or renews the lease `name` for `holder`; true when `holder` holds it afterwards. Expiry is judged
 * by the database's clock, so copies on machines with skewed clocks still agree. Works on PGlite too.
 */
export async function acquireLease(
  db: Executor,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const expires = sql<Date>`now() + ${ttlMs} * interval '1 millisecond'`;
  const row = await db
    .insertInto('leader_leases')
    .values({ name, holder, acquired_at: sql<Date>`now()`, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          acquired_at: sql<Date>`case when leader_leases.holder = excluded.holder then leader_leases.acquired_at else now() end`,
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where((eb) =>
          eb.or([
            eb('leader_leases.holder', '=', holder),
            eb('leader_leases.expires_at', '<', sql<Date>`now()`),
          ]),
        ),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leader_leases').where('name', '=', name).where('holder', '=', holder).execute();
}

export interface LeaderLockOptions {
  /** What is led. Default `scheduler`. */
  name?: string;
  /** How long a lease lasts without renewal: a dead leader is replaced within ttl + renew. Default 30 s. */
  ttlMs?: number;
  /** How often the leader renews and the others try to take over. Default 10 s. */
  renewMs?: number;
  logger?: Logger;
}

/** One leader among the running copies (for the cron jobs); the others stand by and take over if it dies. */
export class LeaderLock {
  readonly holder = `copy-${newId()}`;
  private readonly name: string;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private leaderUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(leader: boolean) => void>();

  constructor(
    private readonly db: Executor,
    private readonly options: LeaderLockOptions = {},
  ) {
    this.name = options.name ?? 'scheduler';
    this.ttlMs = options.ttlMs ?? 30_000;
    this.renewMs = options.renewMs ?? 10_000;
    if (this.renewMs * 2 > this.ttlMs)
      throw new RangeError('leader lock: renewMs must be at most half of ttlMs');
  }

  /** True while this copy holds a lease it renewed recently enough to be sure no one else does. */
  isLeader(): boolean {
    return Date.now() < this.leaderUntil;
  }

  /** Called with true when this copy becomes leader, false when it stops being one. */
  onChange(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tries at once, then every renewMs. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.renewMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const was = this.isLeader();
    this.leaderUntil = 0;
    if (was) {
      await releaseLease(this.db, this.name, this.holder).catch(() => undefined);
      this.emit(false);
    }
  }

  private async tick(): Promise<void> {
    const was = this.isLeader();
    const startedAt = Date.now();
    const held = await acquireLease(this.db, this.name, this.holder, this.ttlMs).catch((error: unknown) => {
      this.options.logger?.error({ err: error }, 'leader lease check failed');
      return false;
    });
    // why: count from before the query, and stop a renewal short of expiry, so two leaders never overlap.
    this.leaderUntil = held ? startedAt + this.ttlMs - this.renewMs / 2 : 0;
    if (held !== was) this.emit(held);
  }

  private emit(leader: boolean): void {
    this.options.logger?.info({ holder: this.holder, leader }, leader ? 'became leader' : 'no longer leader');
    for (const listener of this.listeners) listener(leader);
  }
}
