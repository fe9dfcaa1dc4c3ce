import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Admission, TenantWindow } from '../../../src/delivery/tenant-window.js';

const go = (a: Admission) => {
  if (!('answered' in a)) throw new Error(`expected to go, told to wait ${a.waitMs} ms`);
  return a.answered;
};

describe('TenantWindow', () => {
  it('counts a request from when it leaves until a second after its answer', () => {
    const window = new TenantWindow();
    const answered = go(window.take('t', 0, 1));
    expect(window.take('t', 2_000, 1)).toEqual({ waitMs: 5 });
    answered(2_100);
    expect(window.take('t', 3_000, 1)).toEqual({ waitMs: 100 });
    expect('answered' in window.take('t', 3_100, 1)).toBe(true);
  });

  it('charges two requests at once and keeps tenants apart', () => {
    const window = new TenantWindow();
    go(window.take('t', 0, 3, 2));
    expect('waitMs' in window.take('t', 0, 3, 2)).toBe(true);
    go(window.take('t', 0, 3));
    go(window.take('other', 0, 3, 2));
    expect(window.size('t', 0)).toBe(3);
  });

  it('never lets Teams see more than cap arrivals in a second, whatever the delays', () => {
    // Each request arrives at Teams somewhere between leaving and its answer; the referee counts arrivals.
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.nat(40), toTeams: fc.nat(300), back: fc.nat(300) }), {
          minLength: 1,
          maxLength: 300,
        }),
        (requests) => {
          const window = new TenantWindow();
          const cap = 10;
          const arrivals: number[] = [];
          const pending: Array<{ at: number; answered: (at: number) => void }> = [];
          let now = 0;
          for (const r of requests) {
            now += r.gap;
            for (;;) {
              pending.sort((a, b) => a.at - b.at);
              while ((pending[0]?.at ?? Number.POSITIVE_INFINITY) <= now) pending.shift()?.answered(now);
              const admitted = window.take('t', now, cap);
              if ('answered' in admitted) {
                arrivals.push(now + r.toTeams);
                pending.push({ at: now + r.toTeams + r.back, answered: admitted.answered });
                break;
              }
              now += Math.max(1, admitted.waitMs);
            }
          }
          arrivals.sort((a, b) => a - b);
          for (let i = cap; i < arrivals.length; i += 1)
            expect(arrivals[i]! - arrivals[i - cap]!).toBeGreaterThanOrEqual(1_000);
        },
      ),
    );
  });
});
