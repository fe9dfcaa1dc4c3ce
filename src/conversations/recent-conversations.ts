/**
 * Conversations this copy of the bot stored a moment ago. Storing the reference on every activity costs two
 * writes per message; where is a conversation reached rarely changes, so it is written again only after
 * `ttlMs`, or when its service URL or sender changes (those are part of the key).
 */
export class RecentConversations {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 20_000,
  ) {}

  /** True when the same conversation was stored less than `ttlMs` ago. */
  isFresh(key: string, now: number): boolean {
    const at = this.seen.get(key);
    return at !== undefined && now - at < this.ttlMs;
  }

  remember(key: string, now: number): void {
    this.seen.delete(key);
    this.seen.set(key, now);
    // why: a Map iterates in insertion order, so the first key is the one stored longest ago.
    if (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value as string);
  }
}
