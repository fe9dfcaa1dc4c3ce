import { describe, expect, it } from 'vitest';
import { batchOf, NaturalBatch } from '../../../src/db/natural-batch.js';

/** A run that records each batch it is given and answers each item doubled, after a turn of the event loop. */
function recorded(fail: (n: number) => boolean = () => false) {
  const batches: number[][] = [];
  const run = async (items: number[]) => {
    batches.push(items);
    await new Promise((r) => setImmediate(r));
    if (items.some(fail)) throw new Error(`refused ${items.filter(fail).join(',')}`);
    return items.map((n) => n * 2);
  };
  return { run, batches };
}

describe('NaturalBatch', () => {
  it('sends a lone item on its own, at once', async () => {
    const { run, batches } = recorded();
    const batch = new NaturalBatch(run, { maxSize: 10 });
    expect(await batch.add(1)).toBe(2);
    expect(await batch.add(2)).toBe(4);
    expect(batches).toEqual([[1], [2]]);
  });

  it('sends items that arrive together as one batch, and those arriving meanwhile as the next', async () => {
    const { run, batches } = recorded();
    const batch = new NaturalBatch(run, { maxSize: 10 });
    const first = [1, 2, 3].map((n) => batch.add(n));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((n) => batch.add(n));
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('never sends more than maxSize together, in arrival order', async () => {
    const { run, batches } = recorded();
    const batch = new NaturalBatch(run, { maxSize: 2 });
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => batch.add(n)))).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('tries each item of a refused batch on its own: only the bad one fails', async () => {
    const { run, batches } = recorded((n) => n === 2);
    const batch = new NaturalBatch(run, { maxSize: 10 });
    const results = await Promise.allSettled([1, 2, 3].map((n) => batch.add(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('refused 2') },
      { status: 'fulfilled', value: 6 },
    ]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(await batch.add(7)).toBe(14);
  });
});

describe('batchOf', () => {
  it('keeps one batch per store and name', () => {
    const a = {};
    const b = {};
    const make = () => new NaturalBatch(async (items: number[]) => items, { maxSize: 1 });
    const first = batchOf(a, 'x', make);
    expect(batchOf(a, 'x', make)).toBe(first);
    expect(batchOf(a, 'y', make)).not.toBe(first);
    expect(batchOf(b, 'x', make)).not.toBe(first);
  });
});
