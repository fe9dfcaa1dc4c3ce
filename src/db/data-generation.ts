/** A named cache, the tables its values are read from, and the most entries it keeps. */
export interface CacheSource {
  name: string;
  tables: readonly string[];
  /** why: a bound on memory (the oldest entry goes first); a miss only costs the query it saves. */
  maxEntries: number;
}

interface Cache {
  tables: readonly string[];
  maxEntries: number;
  /** Moves with every change to one of its tables, so a read can tell whether one happened meanwhile. */
  version: number;
  entries: Map<string, unknown>;
}

/**
 * Caches of reads from the roster and the plan, each forgotten when one of its tables may have changed: by
 * this process's own writes (write-watch.plugin.ts, as each statement is sent) and, on PostgreSQL, by other
 * copies' committed writes (data-change-listener.ts). While other copies cannot be heard (listener not
 * connected yet, or lost), every read goes to the store.
 */
export class DataGeneration {
  private heard: boolean;
  private readonly caches = new Map<string, Cache>();

  /** `heard`: whether every write that could change the data is seen (false until a listener says so). */
  constructor(options: { heard: boolean }) {
    this.heard = options.heard;
  }

  /** These tables (every table when not given) may have changed: forget what was read from them. */
  changed(tables?: readonly string[]): void {
    for (const cache of this.caches.values()) {
      if (tables && !cache.tables.some((t) => tables.includes(t))) continue;
      cache.version++;
      cache.entries.clear();
    }
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
   * The cached value of `load()` for this key, or a fresh one (kept only if none of the cache's tables changed
   * while it was read). Values are frozen (deepFreeze), so callers share one copy and none can alter it.
   */
  async read<T>(source: CacheSource, key: string, load: () => Promise<T>): Promise<T> {
    if (!this.heard) return deepFreeze(await load());
    const cache = this.cacheFor(source);
    if (cache.entries.has(key)) return cache.entries.get(key) as T;
    const before = cache.version;
    const value = deepFreeze(await load());
    // why: a write seen while loading may have come too late for what was read; only unchanged data is kept.
    if (cache.version === before && this.heard) {
      cache.entries.set(key, value);
      if (cache.entries.size > cache.maxEntries)
        cache.entries.delete(cache.entries.keys().next().value as string);
    }
    return value;
  }

  private cacheFor(source: CacheSource): Cache {
    let cache = this.caches.get(source.name);
    if (!cache) {
      cache = { tables: source.tables, maxEntries: source.maxEntries, version: 0, entries: new Map() };
      this.caches.set(source.name, cache);
    }
    return cache;
  }
}

/**
 * Freezes a value and everything in it, so a cached value handed to many callers cannot be changed by one.
 * why: cheaper than a copy per read (structuredClone was ~4% of a `my actions` turn); an attempt to change it
 * throws (modules are strict), so a caller that would have altered shared data fails in tests, not silently.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
