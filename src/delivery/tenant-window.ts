/** A second as Teams counts it: a request that reached Teams 1,000 ms before another is in a different second. */
const COUNTED_MS = 1_000;
/** How soon to look again when every counted request is still waiting for its answer. */
const RECHECK_MS = 5;

/** A request's place in the window: counted until `until` (unknown while its answer is awaited). */
interface Counted {
  until: number;
}

export type Admission = { waitMs: number } | { answered: (at?: number) => void };

/**
 * The requests Teams may still count against a tenant's per-second limit, as far as this worker can know.
 * A request reaches Teams at some moment between leaving here and its answer coming back, so it counts
 * from when it leaves until one second after its answer. Then no second at Teams holds more than `cap` of
 * them, however late timers fire and whichever side stalls: evenly spaced slots alone allow bursts when a
 * busy CPU sends several late at once.
 * why: the price is the round trip, at most `cap` requests per second plus round trip: about 1% locally,
 * some 15% against Teams' ~200 ms. A council's fan-out of a few hundred messages does not notice; a 429
 * storm it would.
 */
export class TenantWindow {
  private readonly counted = new Map<string, Counted[]>();

  /** Counts `requests` for `key` and returns how to tell it the answer came, or how long to wait first. */
  take(key: string, now: number, cap: number, requests = 1): Admission {
    const live = (this.counted.get(key) ?? []).filter((c) => c.until > now);
    this.counted.set(key, live);
    if (live.length + requests > Math.max(cap, requests)) {
      const soonest = Math.min(...live.map((c) => c.until));
      return { waitMs: Number.isFinite(soonest) ? soonest - now : RECHECK_MS };
    }
    const mine = Array.from({ length: requests }, () => ({ until: Number.POSITIVE_INFINITY }));
    live.push(...mine);
    return {
      answered: (at = Date.now()) => {
        for (const c of mine) c.until = Math.min(c.until, at + COUNTED_MS);
      },
    };
  }

  /** How many requests of `key` Teams may count now (tests and metrics). */
  size(key: string, now: number): number {
    return (this.counted.get(key) ?? []).filter((c) => c.until > now).length;
  }
}
