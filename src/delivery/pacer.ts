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
  private readonly departures = new Map<string, SlidingWindowLimiter>();
  private departureCap: number;

  constructor(options: PacerOptions) {
    this.conversations = new SlidingWindowLimiter(
      options.conversationLimits ?? conversationLimits,
      options.margin,
    );
    this.tenants = new PacedRateLimiter(options.tenantRatePerSecond);
    this.departureCap = departureCap(options.tenantRatePerSecond);
  }

  setTenantRate(ratePerSecond: number): void {
    this.tenants.setRate(ratePerSecond);
    const cap = departureCap(ratePerSecond);
    if (cap !== this.departureCap) this.departures.clear();
    this.departureCap = cap;
  }

  /**
   * The last check as a request leaves: at most `rate` departures per tenant in any second. Slots are
   * spaced evenly, but timers that fire late (a busy event loop) would bunch them up; this catches that.
   * Returns 0 and counts the departure, or the ms to wait before asking again.
   */
  admit(orgId: string, now: number, requests = 1): number {
    let window = this.departures.get(orgId);
    if (!window) {
      window = new SlidingWindowLimiter([{ count: this.departureCap, windowMs: 1_000 }], 0);
      this.departures.set(orgId, window);
    }
    const wait = window.earliest(orgId, now) - now;
    if (wait > 0) return wait;
    for (let i = 0; i < requests; i += 1) window.record(orgId, now);
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

  pause(orgId: string, conversationKey: string, until: number): void {
    this.conversations.pause(`${orgId}\n${conversationKey}`, until);
    this.tenants.pause(orgId, until);
  }
}

/** why: one request per second below what even-spaced slots allow, so arrivals bunched by the network still fit. */
const departureCap = (rate: number) => Math.max(1, Math.floor(rate));
