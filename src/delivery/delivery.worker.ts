import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { type DeliveryContext, deliverMessage, type Outcome } from './deliver-message.js';
import { type ClaimedMessage, claimDue } from './delivery.repository.js';
import { defaultRetryOptions, type RetryOptions } from './delivery-policy.js';
import type { MessageSender } from './message-sender.js';
import { DeliveryPacer } from './pacer.js';
import { Waits } from './waits.js';
import { beat, leave, tenantShare } from './worker-registry.js';

export interface DeliveryWorkerOptions {
  /** Messages claimed and not yet finished at once; also the most a crash can send twice. Default 32. */
  concurrency?: number;
  /** How long a claim holds before another worker may take the message over. Default 60 s. */
  leaseMs?: number;
  /** How long a send may take before it counts as failed and is retried. Default: a quarter of the lease. */
  sendTimeoutMs?: number;
  /** How often to look for due messages when idle. Default 500 ms. */
  pollMs?: number;
  /** Heartbeat period for sharing the tenant limit with other copies. Default 5 s. */
  heartbeatMs?: number;
  /** Teams' requests per second per tenant. Default 50. */
  tenantLimitPerSecond?: number;
  retry?: Partial<RetryOptions>;
  /** Deliver only these organisations' messages (tests and benches that share a database). */
  onlyOrgs?: string[];
}

export interface DeliveryWorkerDeps {
  db: Kysely<DB>;
  sender: MessageSender;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  /** Told each message's outcome (metrics). */
  onOutcome?: (kind: string, outcome: Outcome) => void;
}

/**
 * Claims due outbox messages and delivers them, paced inside Teams' limits. Runs on every copy of the bot;
 * copies share rows through SKIP LOCKED claims and share each tenant's rate through heartbeats.
 */
export class DeliveryWorker {
  readonly id = `worker-${newId()}`;
  readonly counts: Record<Outcome, number> = { sent: 0, retry: 0, throttled: 0, failed: 0, released: 0 };
  private readonly options: Required<Omit<DeliveryWorkerOptions, 'retry' | 'onlyOrgs' | 'sendTimeoutMs'>>;
  private readonly onlyOrgs: string[] | undefined;
  private readonly ctx: DeliveryContext;
  private readonly pacer: DeliveryPacer;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waits = new Waits();
  private running: Promise<void> | undefined;
  private stopping = false;
  /** The last claim filled every free slot: more may be due, so claim again as slots free up. */
  private wantMore = false;
  private readonly onOutcome: ((kind: string, outcome: Outcome) => void) | undefined;

  constructor(deps: DeliveryWorkerDeps, options: DeliveryWorkerOptions = {}) {
    this.options = {
      concurrency: options.concurrency ?? 32,
      leaseMs: options.leaseMs ?? 60_000,
      pollMs: options.pollMs ?? 500,
      heartbeatMs: options.heartbeatMs ?? 5_000,
      tenantLimitPerSecond: options.tenantLimitPerSecond ?? 50,
    };
    this.onlyOrgs = options.onlyOrgs;
    this.onOutcome = deps.onOutcome;
    this.pacer = new DeliveryPacer({
      tenantRatePerSecond: tenantShare(this.options.tenantLimitPerSecond, 1),
    });
    this.ctx = {
      db: deps.db,
      sender: deps.sender,
      clock: deps.clock ?? systemClock,
      logger: deps.logger ?? createLogger('silent'),
      random: deps.random ?? Math.random,
      retry: { ...defaultRetryOptions, ...options.retry },
      sendTimeoutMs: options.sendTimeoutMs ?? this.options.leaseMs / 4,
      waitTurn: (message, key, requests) => this.waitTurn(message, key, requests),
      pause: (orgId, key, until) => this.pacer.pause(orgId, key, until),
    };
  }

  /** Requests per second this worker currently allows itself per tenant. */
  get tenantRate(): number {
    return this.pacer.tenantRate;
  }

  /** Starts delivering in the background until stop(). */
  start(): void {
    this.stopping = false;
    this.waits.restart();
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
  }

  /** Stops claiming, gives back messages still waiting for their turn, waits for sends under way. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.waits.stop();
    await this.running;
  }

  /** Claims what is due now (up to the concurrency) and delivers it; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(this.options.concurrency);
    await Promise.all(claimed.map((m) => this.deliver(m)));
    return claimed.length;
  }

  private async run(): Promise<void> {
    const { concurrency, pollMs } = this.options;
    // why: a new copy waits one beat so the others have lowered their share before it adds its own.
    const workers = await this.shareRate().catch((error: unknown) => {
      this.ctx.logger.error({ err: error }, 'delivery worker heartbeat failed');
      return 1;
    });
    if (workers > 1) await this.waits.sleep(this.options.heartbeatMs);
    const heartbeat = this.heartbeat();
    while (!this.stopping) {
      const free = concurrency - this.inFlight.size;
      let claimedAll = true;
      if (free > 0) {
        const claimed = await this.claim(free).catch((error: unknown) => {
          this.ctx.logger.error({ err: error }, 'claiming outbox messages failed');
          return [];
        });
        for (const message of claimed) this.track(this.deliver(message));
        claimedAll = claimed.length === free;
      }
      this.wantMore = claimedAll;
      await this.waits.untilWoken(pollMs);
    }
    await Promise.all(this.inFlight);
    await heartbeat;
    await leave(this.ctx.db, this.id).catch(() => undefined);
  }

  private claim(limit: number): Promise<ClaimedMessage[]> {
    return claimDue(this.ctx.db, {
      limit,
      now: this.ctx.clock.now(),
      leaseMs: this.options.leaseMs,
      token: newId(),
      onlyOrgs: this.onlyOrgs,
    });
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    try {
      const outcome = await deliverMessage(this.ctx, message);
      this.counts[outcome] += 1;
      this.onOutcome?.(message.kind, outcome);
    } catch (error) {
      // why: the claim stays; the row is retried when its lease runs out, so nothing is lost.
      this.ctx.logger.error({ err: error, outboxId: message.id }, 'delivery bookkeeping failed');
    }
  }

  private track(task: Promise<void>): void {
    this.inFlight.add(task);
    void task.finally(() => {
      this.inFlight.delete(task);
      // why: claim again once a quarter of the slots is free, not after every single send.
      if (
        this.inFlight.size <= (this.options.concurrency * 3) / 4 &&
        (this.wantMore || this.inFlight.size === 0)
      )
        this.waits.wake();
    });
  }

  private async waitTurn(message: ClaimedMessage, key: string, requests: number): Promise<boolean> {
    for (;;) {
      const now = Date.now();
      const at = this.pacer.reserve(message.orgId, key, now, requests);
      if (at - now > this.options.leaseMs / 2) return false;
      if (at > now) await this.waits.sleep(at - now);
      if (this.stopping) return false;
      if (this.pacer.blockedUntil(message.orgId, key) > Date.now()) continue;
      const late = this.pacer.admit(message.orgId, Date.now(), requests);
      if (late === 0) return true;
      await this.waits.sleep(late);
      if (this.stopping) return false;
      if (this.pacer.admit(message.orgId, Date.now(), requests) === 0) return true;
    }
  }

  private async heartbeat(): Promise<void> {
    while (!this.stopping) {
      await this.waits.sleep(this.options.heartbeatMs);
      if (!this.stopping) await this.shareRate().catch(() => undefined);
    }
  }

  /** Beats, then takes this worker's share of each tenant's limit; returns the number of live workers. */
  private async shareRate(): Promise<number> {
    const workers = await beat(this.ctx.db, this.id, this.ctx.clock.now(), this.options.heartbeatMs * 3);
    this.pacer.setTenantRate(tenantShare(this.options.tenantLimitPerSecond, workers));
    return workers;
  }
}
