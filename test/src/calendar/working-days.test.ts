import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate, shortDate, zonedInstant } from '../../../src/calendar/iso-date.js';
import {
  addWorkingDays,
  isWorkingDay,
  lastWorkingDayOfMonth,
  workingDaysBetween,
} from '../../../src/calendar/working-days.js';

describe('working days (England and Wales)', () => {
  it.each([
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-12-28', false, 'Boxing Day substitute'],
    ['2026-12-26', false, 'Saturday'],
    ['2026-05-04', false, 'Early May bank holiday'],
    ['2026-05-05', true, 'Tuesday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('counts working days forward and backward, skipping weekends and bank holidays', () => {
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    expect(workingDaysBetween('2026-12-29', '2026-12-24')).toBe(-1);
    expect(workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(workingDaysBetween('2026-11-30', '2026-11-27')).toBe(-1);
    expect(workingDaysBetween('2026-11-25', '2026-11-25')).toBe(0);
  });

  it('adds working days', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-29', -1)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-26', 0)).toBe('2026-12-29');
  });

  it('finds the last working day of a month', () => {
    expect(lastWorkingDayOfMonth(2020, 5)).toBe('2020-05-29');
    expect(lastWorkingDayOfMonth(2026, 8)).toBe('2026-08-28');
    expect(lastWorkingDayOfMonth(2026, 12)).toBe('2026-12-31');
  });
});

describe('dates in Europe/London', () => {
  it('turns a local wall-clock time into the right instant in GMT and BST', () => {
    expect(zonedInstant('2026-01-12', '09:30', 'Europe/London').toISOString()).toBe(
      '2026-01-12T09:30:00.000Z',
    );
    expect(zonedInstant('2026-07-13', '09:30', 'Europe/London').toISOString()).toBe(
      '2026-07-13T08:30:00.000Z',
    );
  });

  it('gives the local calendar date of an instant', () => {
    expect(localDate(new Date('2026-07-12T23:30:00Z'), 'Europe/London')).toBe('2026-07-13');
    expect(shortDate('2026-12-11')).toBe('Fri 11 Dec');
  });
});

describe('workingDaysBetween against a day-by-day count', () => {
  const dayByDay = (from: string, to: string) => {
    let count = 0;
    const [lo, hi] = from < to ? [from, to] : [to, from];
    for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
    return from < to ? count : -count;
  };

  it.each([
    ['2020-03-31', '2026-11-25'],
    ['2026-11-25', '2020-03-31'],
    ['2026-12-19', '2027-01-04'],
    ['2026-12-24', '2026-12-28'],
    ['2027-01-02', '2026-12-24'],
    ['2026-11-27', '2026-11-28'],
    ['2026-11-28', '2026-11-30'],
  ])('%s → %s', (from, to) => {
    expect(workingDaysBetween(from, to)).toBe(dayByDay(from, to));
  });
});

describe('workingDaysBetween, any two dates', () => {
  it('agrees with counting day by day', () => {
    const date = fc.integer({ min: 0, max: 3_000 }).map((n) => addDays('2019-01-01', n));
    fc.assert(
      fc.property(date, date, (from, to) => {
        let count = 0;
        const [lo, hi] = from < to ? [from, to] : [to, from];
        for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
        expect(workingDaysBetween(from, to)).toBe(from < to ? count : 0 - count);
      }),
      { numRuns: 200 },
    );
  });
});
