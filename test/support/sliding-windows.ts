/**
 * The fake connector's own check of "at most N calls in any window of W ms", kept apart from the bot's
 * limiter on purpose: the fake is the referee, so it must not share the code it judges.
 */
export class SlidingWindows {
  private readonly times: number[] = [];
  private readonly longestMs: number;

  constructor(private readonly limits: ReadonlyArray<{ count: number; windowMs: number }>) {
    this.longestMs = Math.max(...limits.map((l) => l.windowMs));
  }

  /** 0 when a call at `now` is within every limit, else ms until it would be (counting calls up to `now`). */
  waitMs(now: number): number {
    this.prune(now);
    let wait = 0;
    for (const { count, windowMs } of this.limits) {
      const inWindow = this.countSince(now - windowMs);
      if (inWindow >= count) {
        const oldestInWindow = this.times[this.times.length - count] ?? now;
        wait = Math.max(wait, oldestInWindow + windowMs - now);
      }
    }
    return wait;
  }

  /** Calls may be judged out of arrival order (bodies read at different speeds): keep the times sorted. */
  record(at: number): void {
    let i = this.times.length;
    while (i > 0 && (this.times[i - 1] ?? 0) > at) i -= 1;
    this.times.splice(i, 0, at);
  }

  private countSince(start: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] ?? 0) > start) hi = mid;
      else lo = mid + 1;
    }
    return this.times.length - lo;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? 0) <= now - this.longestMs) drop += 1;
    if (drop > 0) this.times.splice(0, drop);
  }
}
