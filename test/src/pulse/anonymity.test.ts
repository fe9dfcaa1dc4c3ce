import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config.schema.js';
import {
  ballotLink,
  effectiveMinGroup,
  newLinkSecret,
  suppressedGroups,
} from '../../../src/pulse/anonymity.js';

const groups = (counts: Record<string, number>) => Object.entries(counts).map(([key, n]) => ({ key, n }));
const hidden = (counts: Record<string, number>, min = 5, totalShown = true) =>
  [...suppressedGroups(groups(counts), min, totalShown)].sort();

describe('suppressedGroups', () => {
  it.each([
    ['all large enough', { A: 10, B: 8, C: 6 }, []],
    ['one small group also hides the next smallest', { A: 10, B: 8, C: 6, D: 4 }, ['C', 'D']],
    ['two small groups that together reach the threshold', { A: 10, B: 3, C: 2 }, ['B', 'C']],
    ['two small groups below the threshold together hide more', { A: 10, B: 9, C: 1, D: 1 }, ['B', 'C', 'D']],
    ['an empty group leaks nothing and hides nothing more', { A: 10, B: 8, C: 0 }, ['C']],
    ['a single group of 4', { A: 4 }, ['A']],
  ])('%s', (_name, counts, expected) => {
    expect(hidden(counts)).toEqual(expected);
  });

  it('hides every group when the total itself is not shown', () => {
    expect(hidden({ A: 10, B: 8 }, 5, false)).toEqual(['A', 'B']);
  });

  it('always hides the unnamed group (teams too small to name) and protects it like any small group', () => {
    const result = suppressedGroups(
      [
        { key: 'A', n: 10 },
        { key: 'B', n: 7 },
        { key: null, n: 2 },
      ],
      5,
      true,
    );
    expect([...result]).toEqual([null, 'B']);
  });

  it('never lets the threshold fall below 3, whatever is configured', () => {
    expect(effectiveMinGroup(1)).toBe(3);
    expect(hidden({ A: 10, B: 2 }, 1)).toEqual(['A', 'B']);
    expect(configSchema.safeParse({ PULSE_MIN_GROUP: '2' }).success).toBe(false);
  });
});

describe('ballotLink', () => {
  it('is the same for the same person and round secret, and unrelated under another secret', () => {
    const secret = newLinkSecret();
    expect(ballotLink(secret, 'person-1')).toBe(ballotLink(secret, 'person-1'));
    expect(ballotLink(secret, 'person-1')).not.toBe(ballotLink(secret, 'person-2'));
    expect(ballotLink(newLinkSecret(), 'person-1')).not.toBe(ballotLink(secret, 'person-1'));
    expect(ballotLink(secret, 'person-1')).not.toContain('person');
  });
});
