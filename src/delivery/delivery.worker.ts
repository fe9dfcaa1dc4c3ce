import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { anyDue, type ClaimedMessage, claimDue, renewLeases } from './claim.repository.js';
import { type DeliveryContext, deliverMessage, type Outcome, type Turn } from './deliver-message.js';
import {
  type DeliveryWorkerOptions,
  type WorkerSettings,
  workerSettings,
} from './delivery-worker.options.js';
import { InFlight } from './in-flight.js';
import type { MessageSender } from './message-sender.js';
import { DeliveryPacer } from './pacer.js';
import { Waits } from './waits.js';
import { beat, leave, tenantShare, WorkerCount } from './worker-registry.js';

export type { DeliveryWorkerOptions };

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
  private readonly options: WorkerSettings;
  private readonly ctx: DeliveryContext;
  private readonly pacer: DeliveryPacer;
  private readonly inFlight = new InFlight();
  private readonly waits = new Waits();
  private readonly workers = new WorkerCount();
  private running: Promise<void> | undefined;
  private stopping = false;
  /** The last claim filled every free slot: more may be due, so claim again as slots free up. */
  private wantMore = false;
  private readonly onOutcome: ((kind: string, outcome: Outcome) => void) | undefined;

  constructor(deps: DeliveryWorkerDeps, options: DeliveryWorkerOptions = {}) {
    this.options = workerSettings(options);
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
      retry: this.options.retry,
      sendTimeoutMs: this.options.sendTimeoutMs,
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
    const renewals = this.renewLeases();
    while (!this.stopping) {
      const free = concurrency - this.inFlight.size;
      let moreDue = true;
      if (free > 0 && (this.wantMore || (await this.anyDue()))) {
        const claimed = await this.claim(free).catch((error: unknown) => {
          this.ctx.logger.error({ err: error }, 'claiming outbox messages failed');
          return [];
        });
        for (const message of claimed) this.track(message);
        // why: a short claim means nothing else is due, unless an organisation was left out for being at its cap.
        moreDue =
          claimed.length === free || this.inFlight.busyOrgs(this.options.perOrgConcurrency).length > 0;
      } else if (free > 0) {
        moreDue = false;
      }
      this.wantMore = moreDue;
      await this.waits.untilWoken(pollMs);
    }
    await this.inFlight.settled();
    await heartbeat;
    await renewals;
    await leave(this.ctx.db, this.id).catch(() => undefined);
  }

  /** Whether a claim could find anything (an idle poll asks this first; errors count as yes, so the claim logs them). */
  private anyDue(): Promise<boolean> {
    return anyDue(this.ctx.db, this.ctx.clock.now(), this.options.onlyOrgs).catch(() => true);
  }

  private claim(limit: number): Promise<ClaimedMessage[]> {
    return claimDue(this.ctx.db, {
      limit,
      now: this.ctx.clock.now(),
      leaseMs: this.options.leaseMs,
      token: newId(),
      perOrgLimit: this.options.perOrgConcurrency,
      held: this.inFlight.heldByOrg(),
      onlyOrgs: this.options.onlyOrgs,
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

  private track(message: ClaimedMessage): void {
    const mine = this.inFlight.get(message.id);
    if (mine) {
      // why: a renewal came too late and this worker claimed its own message again: keep one send, new token.
      mine.claimToken = message.claimToken;
      return;
    }
    this.inFlight.add(message, this.deliver(message), (orgLeft) => {
      // why: claim again once a quarter of the slots is free, not after every single send.
      const { concurrency, perOrgConcurrency } = this.options;
      const room = this.inFlight.size <= (concurrency * 3) / 4 && orgLeft <= (perOrgConcurrency * 3) / 4;
      if ((this.wantMore && room) || this.inFlight.size === 0) this.waits.wake();
    });
  }

  private async waitTurn(message: ClaimedMessage, key: string, requests: number): Promise<Turn> {
    for (;;) {
      const now = Date.now();
      const at = this.pacer.reserve(message.orgId, key, now, requests);
      // why: a long 429 pause is waited out in the queue, not in a claim that keeps renewing.
      if (at - now > this.options.leaseMs / 2) return { laterMs: at - now };
      if (at > now) await this.waits.sleep(at - now);
      for (;;) {
        if (this.stopping) return { laterMs: 0 };
        if (this.pacer.blockedUntil(message.orgId, key) > Date.now()) break;
        const admitted = this.pacer.admit(message.orgId, Date.now(), requests);
        if ('answered' in admitted) return admitted;
        await this.waits.sleep(admitted.waitMs);
      }
    }
  }

  private async renewLeases(): Promise<void> {
    const { leaseMs } = this.options;
    while (!this.stopping) {
      await this.waits.sleep(leaseMs / 3);
      const until = new Date(this.ctx.clock.now().getTime() + leaseMs);
      await renewLeases(this.ctx.db, this.inFlight.messages(), until).catch((error: unknown) => {
        this.ctx.logger.error({ err: error }, 'renewing delivery leases failed');
      });
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
    const live = await beat(this.ctx.db, this.id, this.ctx.clock.now(), this.options.heartbeatMs * 3);
    const workers = this.workers.observe(live);
    this.pacer.setTenantRate(tenantShare(this.options.tenantLimitPerSecond, workers));
    return workers;
  }
}
