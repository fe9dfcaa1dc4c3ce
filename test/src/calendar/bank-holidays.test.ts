import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englandBankHolidays } from '../../../src/calendar/bank-holidays.js';
import {
  bankHolidaysFromLibrary,
  bankHolidaysTableSource,
  TABLE_FIRST_YEAR,
  TABLE_LAST_YEAR,
} from '../../../src/calendar/bank-holidays-library.js';

describe('England and Wales bank holidays', () => {
  it('the table holds what date-holidays gives for every year in it (after updating date-holidays, run npx tsx scripts/bank-holidays-table.ts)', () => {
    expect(readFileSync('src/calendar/bank-holidays.table.ts', 'utf8')).toBe(bankHolidaysTableSource());
  });

  it.each([[TABLE_FIRST_YEAR - 1], [TABLE_FIRST_YEAR], [2026], [TABLE_LAST_YEAR], [TABLE_LAST_YEAR + 1]])(
    '%i: the same dates as date-holidays, inside the table or outside it',
    (year) => {
      expect(englandBankHolidays(year)).toEqual(bankHolidaysFromLibrary(year));
    },
  );

  it('includes one-off holidays and substitute days', () => {
    expect(englandBankHolidays(2022)).toEqual(expect.arrayContaining(['2022-06-03', '2022-09-19']));
    expect(englandBankHolidays(2023)).toContain('2023-05-08');
    expect(englandBankHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });
});
