/**
 * Pacing by design (DESIGN rule 2). Callers reserve a send time synchronously, so concurrent tasks
 * get distinct slots and never race; they then wait until their slot.
 */

export interface WindowLimit {
  count: number;
  windowMs: number;
}

/** Teams' limits per bot per conversation. */
export const conversationLimits: WindowLimit[] = [
  { count: 7, windowMs: 1_000 },
  { count: 8, windowMs: 2_000 },
  { count: 60, windowMs: 30_000 },
  { count: 1_800, windowMs: 3_600_000 },
];

/**
 * "At most `count` sends in any `windowMs`" for several windows at once, per key (a conversation).
 * Each window is stretched by `margin` so that network jitter never makes Teams count one too many.
 */
export class SlidingWindowLimiter {
  private readonly slots = new Map<string, number[]>();
  private readonly paused = new Map<string, number>();
  private readonly longestMs: number;
  private lastSweep = 0;

  constructor(
    private readonly limits: WindowLimit[] = conversationLimits,
    private readonly margin = 0.05,
  ) {
    this.longestMs = Math.max(...limits.map((l) => l.windowMs * (1 + margin)));
  }

  /** Earliest time ≥ `at` at which `key` may send (nothing recorded). */
  earliest(key: string, at: number): number {
    const times = this.slots.get(key) ?? [];
    let t = Math.max(at, this.paused.get(key) ?? 0, times[times.length - 1] ?? 0);
    for (const { count, windowMs } of this.limits) {
      // why: slots are appended in time order, so the count-th newest decides when this window has room.
      const nth = times[times.length - count];
      if (nth !== undefined) t = Math.max(t, nth + windowMs * (1 + this.margin));
    }
    return t;
  }

  /** Records a send of `key` at `at` (must be ≥ earliest(key, …)). */
  record(key: string, at: number): void {
    let times = this.slots.get(key);
    if (!times) {
      times = [];
      this.slots.set(key, times);
    }
    times.push(at);
    const keep = Math.max(...this.limits.map((l) => l.count));
    if (times.length > keep * 2) times.splice(0, times.length - keep);
    this.sweep(at);
  }

  pause(key: string, until: number): void {
    this.paused.set(key, Math.max(until, this.paused.get(key) ?? 0));
  }

  pausedUntil(key: string): number {
    return this.paused.get(key) ?? 0;
  }

  /** Forgets keys idle longer than the longest window, so memory follows active conversations only. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, times] of this.slots) {
      if ((times[times.length - 1] ?? 0) < now - this.longestMs) this.slots.delete(key);
    }
    for (const [key, until] of this.paused) if (until < now) this.paused.delete(key);
  }
}

/**
 * Evenly spaced slots per key (a tenant) at `ratePerSecond`: a token bucket holding one token, so the
 * busiest second holds at most rate + 1 requests. Idle time is not banked into a burst.
 */
export class PacedRateLimiter {
  private readonly next = new Map<string, number>();
  private readonly paused = new Map<string, number>();
  private readonly slowed = new Map<string, { factor: number; at: number }>();
  private intervalMs: number;

  constructor(ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond;
  }

  setRate(ratePerSecond: number): void {
    this.intervalMs = 1000 / ratePerSecond;
  }

  get ratePerSecond(): number {
    return 1000 / this.intervalMs;
  }

  /** Takes the next free slot at or after `at` and returns its time. */
  reserve(key: string, at: number): number {
    const slot = Math.max(at, this.next.get(key) ?? 0, this.paused.get(key) ?? 0);
    this.next.set(key, slot + this.intervalMs / this.factor(key, slot));
    return slot;
  }

  /**
   * After a 429: `key` runs at `by` times its present speed (never below half), and comes back to full speed
   * by a tenth every 20 s. Pacing keeps to the limit by design; this only covers what design cannot see, such
   * as a starved CPU sending a burst late.
   */
  slowDown(key: string, at: number, by = 0.9): void {
    this.slowed.set(key, { factor: Math.max(0.5, this.factor(key, at) * by), at });
  }

  /** The share of the rate `key` runs at, at time `at` (1 unless a 429 slowed it). */
  factor(key: string, at: number): number {
    const slowed = this.slowed.get(key);
    if (!slowed) return 1;
    const factor = slowed.factor + ((at - slowed.at) / 20_000) * 0.1;
    if (factor < 1) return factor;
    this.slowed.delete(key);
    return 1;
  }

  /** Nothing for `key` goes before `until`, including slots already handed out (their holders re-check). */
  pause(key: string, until: number): void {
    this.paused.set(key, Math.max(until, this.paused.get(key) ?? 0));
  }

  pausedUntil(key: string): number {
    return this.paused.get(key) ?? 0;
  }
}
