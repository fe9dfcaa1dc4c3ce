import { describe, expect, it } from 'vitest';
import { currentSlot, isoWeek, nextSlot } from '../../../src/digest/digest-week.js';
import { testConfig } from '../../support/test-app.js';

describe('digest week', () => {
  it.each([
    ['2020-06-08', '2020-W24'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2026-12-31', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('ISO week of %s is %s', (date, week) => expect(isoWeek(date)).toBe(week));

  it('a Friday digest on Good Friday moves past Easter Monday, keeping its week', () => {
    const config = testConfig({ DIGEST_DAY: 'fri', DIGEST_TIME: '16:00' });
    // Good Friday 10 April 2020 and Easter Monday 13 April are bank holidays.
    const slot = currentSlot(new Date('2020-04-14T15:00:00Z'), '2020-04-14', config);
    expect(slot).toMatchObject({ week: '2020-W15', date: '2020-04-14' });
    expect(slot.at.toISOString()).toBe('2020-04-14T15:00:00.000Z');
  });

  it('the next slot after a Monday 08:30 digest is the following Monday, in GMT after the clocks change', () => {
    const config = testConfig();
    const next = nextSlot(new Date('2020-10-19T07:31:00Z'), '2020-10-19', config);
    expect(next.date).toBe('2020-10-26');
    expect(next.at.toISOString()).toBe('2020-10-26T08:30:00.000Z');
  });
});
