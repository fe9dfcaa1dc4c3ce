import { describe, expect, it } from 'vitest';
import { InboundRateLimit } from '../../../src/access/inbound-rate-limit.js';

describe('InboundRateLimit', () => {
  it('admits a burst, warns once, then drops until tokens refill', () => {
    const limit = new InboundRateLimit(3, 60);
    const t = 1_000_000;
    const got = Array.from({ length: 6 }, () => limit.take('a', t));
    expect(got).toEqual(['admit', 'admit', 'admit', 'warn', 'drop', 'drop']);
    expect(limit.take('a', t + 999)).toBe('drop');
    expect(limit.take('a', t + 1_000)).toBe('admit');
    expect(limit.take('a', t + 1_000)).toBe('warn');
  });

  it('keeps people apart: one flood does not touch another person', () => {
    const limit = new InboundRateLimit(2, 30);
    for (let i = 0; i < 100; i++) limit.take('flooder', 5_000);
    expect(limit.take('someone else', 5_000)).toBe('admit');
    expect(limit.take('someone else', 5_000)).toBe('admit');
  });

  it('never banks more than the burst, however long someone was idle', () => {
    const limit = new InboundRateLimit(2, 600);
    limit.take('a', 0);
    const later = 24 * 3_600_000;
    expect([limit.take('a', later), limit.take('a', later), limit.take('a', later)]).toEqual([
      'admit',
      'admit',
      'warn',
    ]);
  });

  it('forgets idle people, so memory follows active senders only', () => {
    const limit = new InboundRateLimit(5, 60, 100);
    for (let i = 0; i < 500; i++) limit.take(`p${i}`, 0);
    limit.take('late', 10 * 60_000);
    expect(limit.size).toBe(1);
  });

  it.each([
    [0, 10],
    [5, 0],
  ])('refuses a nonsensical setting (burst %i, per minute %i)', (burst, perMinute) => {
    expect(() => new InboundRateLimit(burst, perMinute)).toThrow(RangeError);
  });
});
