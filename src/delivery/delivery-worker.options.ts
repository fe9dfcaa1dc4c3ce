import { defaultRetryOptions, type RetryOptions } from './delivery-policy.js';

export interface DeliveryWorkerOptions {
  /**
   * Messages claimed and not yet finished at once; also the most a crash can send twice. Default 64: two
   * councils' fan-outs at full speed side by side (see perOrgConcurrency), with room for the rest.
   */
  concurrency?: number;
  /**
   * Most of those for one organisation, so one council's fan-out leaves room for the others. Default 24:
   * enough in flight to keep 50/s going while Teams takes up to about 400 ms per send.
   */
  perOrgConcurrency?: number;
  /**
   * How long a claim holds unless renewed: the worker renews its claims every third of it, so this is how
   * soon a dead worker's messages are taken over. Default 60 s.
   */
  leaseMs?: number;
  /** How long a send may take before it counts as failed and is retried. Default 30 s. */
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

export interface WorkerSettings {
  concurrency: number;
  perOrgConcurrency: number;
  leaseMs: number;
  sendTimeoutMs: number;
  pollMs: number;
  heartbeatMs: number;
  tenantLimitPerSecond: number;
  retry: RetryOptions;
  onlyOrgs: string[] | undefined;
}

/** The options with their defaults filled in. */
export function workerSettings(options: DeliveryWorkerOptions): WorkerSettings {
  const concurrency = options.concurrency ?? 64;
  return {
    concurrency,
    perOrgConcurrency: Math.min(options.perOrgConcurrency ?? 24, concurrency),
    leaseMs: options.leaseMs ?? 60_000,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    pollMs: options.pollMs ?? 500,
    heartbeatMs: options.heartbeatMs ?? 5_000,
    tenantLimitPerSecond: options.tenantLimitPerSecond ?? 50,
    retry: { ...defaultRetryOptions, ...options.retry },
    onlyOrgs: options.onlyOrgs,
  };
}
