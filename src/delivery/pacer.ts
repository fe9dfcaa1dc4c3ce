import {
  conversationLimits,
  PacedRateLimiter,
  SlidingWindowLimiter,
  type WindowLimit,
} from './rate-limiter.js';
import { type Admission, TenantWindow } from './tenant-window.js';

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
  private readonly window = new TenantWindow();

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
   * The last check as a request leaves: at most `rate` requests per tenant that Teams may count in one
   * second (see TenantWindow). Slots are spaced evenly, but timers that fire late (a busy event loop) and
   * answers that come late would bunch them up; this catches that.
   */
  admit(orgId: string, now: number, requests = 1): Admission {
    const cap = Math.max(1, Math.floor(this.tenants.ratePerSecond * this.tenants.factor(orgId, now)));
    return this.window.take(orgId, now, cap, requests);
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
