import { describe, expect, it } from 'vitest';
import { DataGeneration } from '../../../src/db/data-generation.js';

/** A load that counts its calls and returns a new object each time. */
function counted() {
  let calls = 0;
  const load = async () => ({ call: ++calls, at: new Date('2020-03-16T09:30:00Z') });
  return { load, calls: () => calls };
}

describe('DataGeneration', () => {
  it('keeps a read until something changes, handing each caller its own copy', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    const first = await generation.read('c', 'k', load);
    const second = await generation.read('c', 'k', load);
    expect(calls()).toBe(1);
    expect(second).toEqual(first);
    second.call = 99;
    expect((await generation.read('c', 'k', load)).call).toBe(1);
    generation.changed();
    expect((await generation.read('c', 'k', load)).call).toBe(2);
  });

  it('keeps keys and caches apart', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    await generation.read('c', 'a', load);
    await generation.read('c', 'b', load);
    await generation.read('d', 'a', load);
    expect(calls()).toBe(3);
  });

  it('does not keep what was read while a change happened', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    await generation.read('c', 'k', async () => {
      const value = await load();
      generation.changed();
      return value;
    });
    await generation.read('c', 'k', load);
    expect(calls()).toBe(2);
  });

  it('reads through while other copies cannot be heard, and forgets when hearing stops', async () => {
    const generation = new DataGeneration({ heard: false });
    const { load, calls } = counted();
    await generation.read('c', 'k', load);
    await generation.read('c', 'k', load);
    expect(calls()).toBe(2);
    generation.setHeard(true);
    await generation.read('c', 'k', load);
    await generation.read('c', 'k', load);
    expect(calls()).toBe(3);
    generation.setHeard(false);
    await generation.read('c', 'k', load);
    expect(calls()).toBe(4);
  });
});
