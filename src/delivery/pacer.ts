import {
  conversationLimits,
  PacedRateLimiter,
  SlidingWindowLimiter,
  type WindowLimit,
} from './rate-limiter.js';

export interface PacerOptions {
  /** Requests per second this worker may make per tenant (its share of Teams' 50/s). */
  tenantRatePerSecond: number;
  conversationLimits?: WindowLimit[];
  /** Stretch of each conversation window, as a fraction (default 0.05). */
  margin?: number;
}

/**
 * Teams' two limits together: a conversation's windows and the tenant's steady rate. A send waits for
 * both; a 429 pauses the conversation and the tenant until Retry-After has passed.
 */
export class DeliveryPacer {
  private readonly conversations: SlidingWindowLimiter;
  private readonly tenants: PacedRateLimiter;
  /** Recent departure times per tenant (the last second). */
  private readonly departures = new Map<string, number[]>();

  constructor(options: PacerOptions) {
    this.conversations = new SlidingWindowLimiter(
      options.conversationLimits ?? conversationLimits,
      options.margin,
    );
    this.tenants = new PacedRateLimiter(options.tenantRatePerSecond);
  }

  setTenantRate(ratePerSecond: number): void {
    this.tenants.setRate(ratePerSecond);
  }

  /**
   * The last check as a request leaves: at most `rate` departures per tenant in any second. Slots are
   * spaced evenly, but timers that fire late (a busy event loop) would bunch them up; this catches that.
   * Returns 0 and counts the departure, or the ms to wait before asking again.
   */
  admit(orgId: string, now: number, requests = 1): number {
    let times = this.departures.get(orgId);
    if (!times) {
      times = [];
      this.departures.set(orgId, times);
    }
    while (times.length > 0 && (times[0] ?? 0) <= now - 1_000) times.shift();
    // why: one request per second below what even-spaced slots allow, so arrivals bunched on the way still fit.
    const cap = Math.max(1, Math.floor(this.tenants.ratePerSecond * this.tenants.factor(orgId, now)));
    const oldest = times[times.length - cap];
    if (oldest !== undefined) return oldest + 1_000 - now;
    for (let i = 0; i < requests; i += 1) times.push(now);
    return 0;
  }

  get tenantRate(): number {
    return this.tenants.ratePerSecond;
  }

  /**
   * Reserves `requests` tenant slots (2 when a 1:1 must be created first) and one conversation slot, and
   * returns when to start. Synchronous, so concurrent callers never get the same slot.
   */
  reserve(orgId: string, conversationKey: string, now: number, requests = 1): number {
    const key = `${orgId}\n${conversationKey}`;
    const start = this.tenants.reserve(orgId, this.conversations.earliest(key, now));
    for (let i = 1; i < requests; i += 1) this.tenants.reserve(orgId, start);
    // why: the conversation is charged at the actual start, which the tenant's queue may have pushed later.
    this.conversations.record(key, start);
    return start;
  }

  /** Until when a reserved send must hold back because a 429 paused its conversation or tenant. */
  blockedUntil(orgId: string, conversationKey: string): number {
    return Math.max(
      this.tenants.pausedUntil(orgId),
      this.conversations.pausedUntil(`${orgId}\n${conversationKey}`),
    );
  }

  /** A 429: hold the conversation and the tenant until `until`, and slow the tenant down a little for a while. */
  pause(orgId: string, conversationKey: string, until: number, now = Date.now()): void {
    this.conversations.pause(`${orgId}\n${conversationKey}`, until);
    this.tenants.pause(orgId, until);
    this.tenants.slowDown(orgId, now);
  }
}
