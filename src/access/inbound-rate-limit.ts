/** What to do with one inbound activity from a person. */
export type Admission = 'admit' | 'warn' | 'drop';

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

/**
 * A token bucket per person: `burst` activities at once, refilled at `perMinute`. The first activity over the
 * limit is answered ("slow down"), the rest of the flood is dropped until tokens return. Each key is
 * independent and the check is in memory, so one person's flood never delays anyone else.
 */
export class InboundRateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private lastSweep = 0;

  constructor(
    private readonly burst: number,
    perMinute: number,
    private readonly maxKeys = 50_000,
  ) {
    if (burst < 1 || perMinute <= 0) throw new RangeError('burst must be ≥ 1 and perMinute > 0');
    this.refillPerMs = perMinute / 60_000;
  }

  take(key: string, now: number): Admission {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now, warned: false };
    bucket.tokens = Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    this.sweep(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return 'admit';
    }
    if (bucket.warned) return 'drop';
    bucket.warned = true;
    return 'warn';
  }

  /** People currently tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Forgets buckets that have refilled completely: they hold nothing a fresh bucket would not. */
  private sweep(now: number): void {
    if (now - this.lastSweep < (this.buckets.size > this.maxKeys ? 1_000 : 60_000)) return;
    this.lastSweep = now;
    const fullAfterMs = this.burst / this.refillPerMs;
    for (const [key, b] of this.buckets) if (now - b.at >= fullAfterMs) this.buckets.delete(key);
  }
}
