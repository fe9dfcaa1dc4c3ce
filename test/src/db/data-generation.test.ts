import { describe, expect, it } from 'vitest';
import { DataGeneration } from '../../../src/db/data-generation.js';

const C = { name: 'c', tables: ['people'], maxEntries: 2 };
const D = { name: 'd', tables: ['actions'], maxEntries: 2 };

/** A load that counts its calls and returns a new object each time. */
function counted() {
  let calls = 0;
  const load = async () => ({ call: ++calls, at: new Date('2020-03-16T09:30:00Z') });
  return { load, calls: () => calls };
}

describe('DataGeneration', () => {
  it('keeps a read until something changes, frozen so no caller can alter it', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    const first = await generation.read(C, 'k', load);
    const second = await generation.read(C, 'k', load);
    expect(calls()).toBe(1);
    expect(second).toBe(first);
    expect(() => {
      second.call = 99;
    }).toThrow(TypeError);
    expect((await generation.read(C, 'k', load)).call).toBe(1);
    generation.changed();
    expect((await generation.read(C, 'k', load)).call).toBe(2);
  });

  it('forgets a cache only for a change to one of its tables (any table when none is named)', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    await generation.read(C, 'k', load);
    await generation.read(D, 'k', load);
    generation.changed(['actions']);
    await generation.read(C, 'k', load);
    expect(calls()).toBe(2);
    await generation.read(D, 'k', load);
    expect(calls()).toBe(3);
    generation.changed();
    await generation.read(C, 'k', load);
    await generation.read(D, 'k', load);
    expect(calls()).toBe(5);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    for (const key of ['a', 'b', 'c']) await generation.read(C, key, load);
    await generation.read(C, 'c', load);
    await generation.read(C, 'b', load);
    expect(calls()).toBe(3);
    await generation.read(C, 'a', load);
    expect(calls()).toBe(4);
  });

  it('keeps keys and caches apart', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    await generation.read(C, 'a', load);
    await generation.read(C, 'b', load);
    await generation.read(D, 'a', load);
    expect(calls()).toBe(3);
  });

  it('does not keep what was read while a change happened', async () => {
    const generation = new DataGeneration({ heard: true });
    const { load, calls } = counted();
    await generation.read(C, 'k', async () => {
      const value = await load();
      generation.changed();
      return value;
    });
    await generation.read(C, 'k', load);
    expect(calls()).toBe(2);
  });

  it('reads through while other copies cannot be heard, and forgets when hearing stops', async () => {
    const generation = new DataGeneration({ heard: false });
    const { load, calls } = counted();
    await generation.read(C, 'k', load);
    await generation.read(C, 'k', load);
    expect(calls()).toBe(2);
    generation.setHeard(true);
    await generation.read(C, 'k', load);
    await generation.read(C, 'k', load);
    expect(calls()).toBe(3);
    generation.setHeard(false);
    await generation.read(C, 'k', load);
    expect(calls()).toBe(4);
  });
});
