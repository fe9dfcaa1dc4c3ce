interface Waiting<I, O> {
  item: I;
  resolve(out: O): void;
  reject(error: unknown): void;
}

export interface NaturalBatchOptions {
  /** Most items sent together. */
  maxSize: number;
}

/**
 * Natural batching ("group commit"): items that arrive while a batch is on its way to the store wait, and go
 * together in the next one. A lone item goes at once (no timer), so a quiet store answers as fast as before;
 * under load, N items waiting cost one statement instead of N. `run` answers each item, in order.
 */
export class NaturalBatch<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private busy = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: NaturalBatchOptions,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.busy) return;
      this.busy = true;
      // why: setImmediate, not a microtask: every request read in this turn of the event loop joins the batch.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) await this.settle(this.take());
    this.busy = false;
  }

  /** The next batch: the longest-waiting items, in arrival order. */
  private take(): Waiting<I, O>[] {
    return this.waiting.splice(0, this.options.maxSize);
  }

  private async settle(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const out = await this.run(batch.map((w) => w.item));
      for (const [i, w] of batch.entries()) w.resolve(out[i] as O);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // why: one item the store refuses must not fail the others, so each is tried again on its own.
      for (const w of batch) await this.run([w.item]).then(([out]) => w.resolve(out as O), w.reject);
    }
  }
}

const batches = new WeakMap<object, Map<string, NaturalBatch<unknown, unknown>>>();

/** The batch named `name` of this store (one per store, so items never cross from one store to another). */
export function batchOf<I, O>(
  store: object,
  name: string,
  create: () => NaturalBatch<I, O>,
): NaturalBatch<I, O> {
  let named = batches.get(store);
  if (!named) {
    named = new Map();
    batches.set(store, named);
  }
  let batch = named.get(name);
  if (!batch) {
    batch = create() as NaturalBatch<unknown, unknown>;
    named.set(name, batch);
  }
  return batch as NaturalBatch<I, O>;
}
