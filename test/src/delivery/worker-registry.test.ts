import { describe, expect, it } from 'vitest';
import { WorkerCount } from '../../../src/delivery/worker-registry.js';

describe('WorkerCount', () => {
  it('takes a rise in copies at once', () => {
    const count = new WorkerCount();
    expect(count.observe(1)).toBe(1);
    expect(count.observe(3)).toBe(3);
  });

  it('keeps sharing with a copy whose beat was missed once', () => {
    const count = new WorkerCount();
    count.observe(2);
    expect(count.observe(1)).toBe(2);
    expect(count.observe(2)).toBe(2);
    expect(count.observe(1)).toBe(2);
  });

  it('takes a fall only when two beats in a row see it, to the larger of the two', () => {
    const count = new WorkerCount();
    count.observe(4);
    expect(count.observe(2)).toBe(4);
    expect(count.observe(3)).toBe(3);
    expect(count.observe(1)).toBe(3);
    expect(count.observe(1)).toBe(1);
  });
});
