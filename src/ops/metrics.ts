import { sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Executor } from '../db/executor.js';

const UNSENT = ['pending', 'sending'] as const;

/** Outcome of one delivery attempt, as the delivery worker reports it. */
export type DeliveryOutcome = 'sent' | 'retry' | 'throttled' | 'failed' | 'released';

/** An open pulse round's response rate (0..1); labels only, never who answered. */
export interface PulseRate {
  orgId: string;
  roundId: string;
  rate: number;
}

/**
 * The Prometheus metrics of one process. Delivery, the bot and the pulse code call the recording methods;
 * the outbox gauges are read from the store at scrape time, so every instance reports the shared queue.
 */
export class Metrics {
  readonly registry = new Registry();
  private store: Executor | undefined;
  private pulseRates: (() => Promise<PulseRate[]>) | undefined;

  private readonly sent = this.counter('pp_messages_sent_total', 'Proactive messages Teams accepted.', [
    'kind',
  ]);
  private readonly failed = this.counter('pp_messages_failed_total', 'Proactive messages given up on.', [
    'kind',
  ]);
  private readonly retried = this.counter(
    'pp_messages_retried_total',
    'Sends to retry later (5xx, network).',
    ['kind'],
  );
  private readonly throttled = this.counter('pp_messages_throttled_total', 'Sends Teams answered with 429.', [
    'kind',
  ]);
  private readonly inbound = this.counter('pp_inbound_activities_total', 'Activities received from Teams.', [
    'type',
    'outcome',
  ]);
  private readonly inboundSeconds = new Histogram({
    name: 'pp_inbound_activity_seconds',
    help: 'Time from receiving an activity to answering it (Teams redelivers after 15 s).',
    labelNames: ['type'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const self = this;
    new Gauge({
      name: 'pp_outbox_depth',
      help: 'Messages waiting to be sent (pending or being sent), across all instances.',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await self.outboxDepth()) this.set({ state: row.state }, row.count);
      },
    });
    new Gauge({
      name: 'pp_outbox_oldest_age_seconds',
      help: 'Age of the oldest message not yet sent; 0 when the queue is empty.',
      registers: [this.registry],
      async collect() {
        this.set(await self.oldestAge());
      },
    });
    new Gauge({
      name: 'pp_pulse_response_rate',
      help: 'Share of the audience that has answered each open Health Check round (0..1).',
      labelNames: ['org', 'round'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of (await self.pulseRates?.()) ?? [])
          this.set({ org: r.orgId, round: r.roundId }, r.rate);
      },
    });
  }

  private counter(name: string, help: string, labelNames: string[]): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** The store the outbox gauges read at scrape time. */
  watchStore(db: Executor): void {
    this.store = db;
  }

  /** Where the response-rate gauge reads open rounds from (the pulse service). */
  watchPulseRates(read: () => Promise<PulseRate[]>): void {
    this.pulseRates = read;
  }

  messageSent(kind: string): void {
    this.sent.inc({ kind });
  }
  messageFailed(kind: string): void {
    this.failed.inc({ kind });
  }
  messageRetried(kind: string): void {
    this.retried.inc({ kind });
  }
  messageThrottled(kind: string): void {
    this.throttled.inc({ kind });
  }

  /** One call per delivery attempt with the worker's outcome; `released` (unsent, back in the queue) counts nothing. */
  deliveryOutcome(kind: string, outcome: DeliveryOutcome): void {
    if (outcome === 'sent') this.messageSent(kind);
    else if (outcome === 'failed') this.messageFailed(kind);
    else if (outcome === 'retry') this.messageRetried(kind);
    else if (outcome === 'throttled') this.messageThrottled(kind);
  }

  /** One inbound activity (type `message`, `invoke`, …), how long it took and whether the handler threw. */
  inboundActivity(type: string, seconds: number, outcome: 'ok' | 'error' = 'ok'): void {
    this.inbound.inc({ type, outcome });
    this.inboundSeconds.observe({ type }, seconds);
  }

  /** The text exposition format for `/metrics`. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private async outboxDepth(): Promise<Array<{ state: string; count: number }>> {
    if (!this.store) return [];
    const rows = await this.store
      .selectFrom('outbox')
      .select(['state', (eb) => eb.fn.countAll<string>().as('count')])
      .where('state', 'in', UNSENT)
      .groupBy('state')
      .execute();
    const counts = new Map(rows.map((r) => [r.state, Number(r.count)]));
    return UNSENT.map((state) => ({ state, count: counts.get(state) ?? 0 }));
  }

  private async oldestAge(): Promise<number> {
    if (!this.store) return 0;
    const row = await this.store
      .selectFrom('outbox')
      .select(sql<string | null>`extract(epoch from (now() - min(created_at)))`.as('age'))
      .where('state', 'in', UNSENT)
      .executeTakeFirst();
    return Math.max(0, Number(row?.age ?? 0));
  }
}

/** The process's metrics; `src/index.ts` points it at the store with `metrics.watchStore(db)`. */
export const metrics = new Metrics();
