import { describe, expect, it } from 'vitest';
import { DeliveryPacer } from '../../../src/delivery/pacer.js';
import {
  conversationLimits,
  PacedRateLimiter,
  SlidingWindowLimiter,
} from '../../../src/delivery/rate-limiter.js';
import type { Admission } from '../../../src/delivery/tenant-window.js';
import { teamsLimits } from '../../support/fake-connector.js';

/** Most events in any window of `windowMs` (closed on both ends, the strictest reading). */
function busiest(times: number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) > windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('SlidingWindowLimiter', () => {
  it('lets 7 go at once, then spaces the rest inside every Teams conversation window', () => {
    const limiter = new SlidingWindowLimiter();
    const times: number[] = [];
    let now = 0;
    for (let i = 0; i < 400; i += 1) {
      now = limiter.earliest('c', now);
      limiter.record('c', now);
      times.push(now);
    }
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times[7]).toBeGreaterThan(1_000);
    for (const { count, windowMs } of teamsLimits.conversation)
      expect(busiest(times, windowMs)).toBeLessThanOrEqual(count);
    // 60 per 30 s is the binding limit over a long run: 400 sends need at least 6 windows of 30 s.
    expect(times.at(-1)).toBeGreaterThan(6 * 30_000);
  });

  it('keeps conversations apart', () => {
    const limiter = new SlidingWindowLimiter();
    for (let i = 0; i < 7; i += 1) limiter.record('a', 0);
    expect(limiter.earliest('a', 0)).toBeGreaterThan(1_000);
    expect(limiter.earliest('b', 0)).toBe(0);
  });

  it('holds a paused conversation until the pause ends', () => {
    const limiter = new SlidingWindowLimiter(conversationLimits);
    limiter.pause('c', 5_000);
    expect(limiter.earliest('c', 10)).toBe(5_000);
    expect(limiter.pausedUntil('c')).toBe(5_000);
  });

  it('enforces the hourly limit of 1800', () => {
    const limiter = new SlidingWindowLimiter([{ count: 1_800, windowMs: 3_600_000 }], 0);
    for (let i = 0; i < 1_800; i += 1) limiter.record('c', i);
    expect(limiter.earliest('c', 2_000)).toBe(3_600_000);
  });
});

describe('PacedRateLimiter', () => {
  it('spaces a tenant evenly at its rate, never more than rate + 1 in any second', () => {
    const limiter = new PacedRateLimiter(48);
    const times = Array.from({ length: 1_000 }, () => limiter.reserve('t', 0));
    expect(busiest(times, 1_000)).toBeLessThanOrEqual(49);
    expect(1_000 / ((times.at(-1) ?? 0) / 1_000)).toBeGreaterThanOrEqual(0.95 * 50);
  });

  it('does not bank idle time into a burst', () => {
    const limiter = new PacedRateLimiter(10);
    limiter.reserve('t', 0);
    expect(limiter.reserve('t', 60_000)).toBe(60_000);
    expect(limiter.reserve('t', 60_000)).toBe(60_100);
  });

  it('holds everything for a paused tenant and follows a new rate', () => {
    const limiter = new PacedRateLimiter(10);
    limiter.pause('t', 2_000);
    expect(limiter.reserve('t', 0)).toBe(2_000);
    limiter.setRate(20);
    expect(limiter.reserve('t', 0)).toBe(2_100);
    expect(limiter.reserve('t', 0)).toBe(2_150);
    expect(limiter.reserve('other', 0)).toBe(0);
  });
});

describe('PacedRateLimiter after a 429', () => {
  it('slows the tenant by a tenth per 429, never below half, and recovers a tenth every 20 s', () => {
    const limiter = new PacedRateLimiter(10);
    limiter.slowDown('t', 0);
    expect(limiter.factor('t', 0)).toBeCloseTo(0.9);
    expect(limiter.reserve('t', 0)).toBe(0);
    expect(limiter.reserve('t', 0)).toBeCloseTo(1000 / 9);
    expect(limiter.factor('t', 10_000)).toBeCloseTo(0.95);
    expect(limiter.factor('t', 20_000)).toBe(1);
    for (let i = 0; i < 20; i += 1) limiter.slowDown('u', 0);
    expect(limiter.factor('u', 0)).toBe(0.5);
    expect(limiter.factor('other', 0)).toBe(1);
  });
});

describe('DeliveryPacer', () => {
  it('paces one tenant across many conversations at its rate and each conversation within its limits', () => {
    const pacer = new DeliveryPacer({ tenantRatePerSecond: 48 });
    const perConversation = new Map<string, number[]>();
    const all: number[] = [];
    for (let i = 0; i < 2_000; i += 1) {
      const key = `c${i % 25}`;
      const at = pacer.reserve('org', key, 0);
      all.push(at);
      perConversation.set(key, [...(perConversation.get(key) ?? []), at]);
    }
    all.sort((a, b) => a - b);
    expect(busiest(all, 1_000)).toBeLessThanOrEqual(49);
    for (const times of perConversation.values())
      for (const { count, windowMs } of teamsLimits.conversation)
        expect(busiest(times, windowMs)).toBeLessThanOrEqual(count);
  });

  it('charges two tenant requests when a 1:1 must be created first', () => {
    const pacer = new DeliveryPacer({ tenantRatePerSecond: 10 });
    expect(pacer.reserve('org', 'person:1', 0, 2)).toBe(0);
    expect(pacer.reserve('org', 'person:2', 0)).toBe(200);
  });

  it('a 429 pauses the conversation and the tenant, and slows the tenant a little', () => {
    const pacer = new DeliveryPacer({ tenantRatePerSecond: 50 });
    pacer.pause('org', 'c1', 3_000, 0);
    expect(Array.from({ length: 60 }, () => pacer.admit('org', 0)).filter(isGo)).toHaveLength(45);
    expect(pacer.blockedUntil('org', 'c2')).toBe(3_000);
    expect(pacer.reserve('org', 'c2', 0)).toBe(3_000);
    expect(pacer.reserve('other-org', 'c1', 0)).toBe(0);
  });

  it('admits at most rate requests that Teams may count in one second, and takes a new rate at once', () => {
    const pacer = new DeliveryPacer({ tenantRatePerSecond: 48 });
    const admitted = Array.from({ length: 60 }, () => pacer.admit('org', 500));
    expect(admitted.filter(isGo)).toHaveLength(48);
    expect('answered' in pacer.admit('other', 500)).toBe(true);
    for (const a of admitted) if (isGo(a)) a.answered(520);
    expect(pacer.admit('org', 1_500)).toEqual({ waitMs: 20 });
    const late = pacer.admit('org', 1_520);
    expect(isGo(late)).toBe(true);
    pacer.setTenantRate(23);
    expect(Array.from({ length: 30 }, () => pacer.admit('org', 5_000)).filter(isGo)).toHaveLength(22);
  });
});

const isGo = (a: Admission): a is Extract<Admission, { answered: unknown }> => 'answered' in a;
