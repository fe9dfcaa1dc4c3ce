import { BANK_HOLIDAYS_TABLE } from './bank-holidays.table.js';
import { bankHolidaysFromLibrary, TABLE_FIRST_YEAR } from './bank-holidays-library.js';
import type { IsoDate } from './iso-date.js';

/**
 * England and Wales bank holidays of a year (date-holidays GB-ENG, "public" type): from the table generated
 * from date-holidays, or from date-holidays itself for a year outside it.
 */
export function englandBankHolidays(year: number): IsoDate[] {
  const row = BANK_HOLIDAYS_TABLE[year - TABLE_FIRST_YEAR];
  if (row === undefined) return bankHolidaysFromLibrary(year);
  return row.split(' ').map((monthDay) => `${year}-${monthDay}`);
}
