/** Most entries one named cache keeps (why: a bound on memory; a miss only costs the query it saves). */
const MAX_ENTRIES = 2_000;

/**
 * A counter that moves whenever the roster or the plan may have changed, and the caches of reads from them
 * that are valid only while it stands still. It is moved by this process's own writes (write-watch.plugin.ts,
 * as each is sent) and, on PostgreSQL, by other copies' committed writes (data-change-listener.ts). While
 * other copies cannot be heard (listener not connected yet, or lost), every read goes to the store.
 */
export class DataGeneration {
  private generation = 0;
  private heard: boolean;
  private readonly caches = new Map<string, Map<string, unknown>>();

  /** `heard`: whether every write that could change the data is seen (false until a listener says so). */
  constructor(options: { heard: boolean }) {
    this.heard = options.heard;
  }

  /** Something the caches were read from may have changed: forget them all. */
  changed(): void {
    this.generation++;
    this.caches.clear();
  }

  /** Whether every write that could change the data is seen, so reads may be cached. */
  isHeard(): boolean {
    return this.heard;
  }

  /** Whether other copies' writes are heard; any change of it also forgets the caches. */
  setHeard(heard: boolean): void {
    this.heard = heard;
    this.changed();
  }

  /**
   * The cached value of `load()` for this key, or a fresh one (stored only if nothing changed while it was
   * read). Each caller gets its own copy, so no turn can alter what another is given.
   */
  async read<T>(cache: string, key: string, load: () => Promise<T>): Promise<T> {
    if (!this.heard) return load();
    const entries = this.caches.get(cache);
    if (entries?.has(key)) return structuredClone(entries.get(key) as T);
    const before = this.generation;
    const value = await load();
    // why: a write seen while loading may have come too late for what was read; only unchanged data is kept.
    if (this.generation === before && this.heard) this.store(cache, key, value);
    return value;
  }

  private store(cache: string, key: string, value: unknown): void {
    let entries = this.caches.get(cache);
    if (!entries) {
      entries = new Map();
      this.caches.set(cache, entries);
    }
    entries.set(key, structuredClone(value));
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  }
}
