import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { IsoDate } from './iso-date.js';

const require = createRequire(import.meta.url);
let calendar: Holidays | undefined;

/**
 * The year's England and Wales bank holidays as date-holidays gives them (GB-ENG, "public" type).
 * why: date-holidays carries every country's rules and several calendars (~8 MB of heap, ~12 MB resident), so
 * it is loaded only on the first call: for a year the generated table does not hold, or to generate it.
 */
export function bankHolidaysFromLibrary(year: number): IsoDate[] {
  calendar ??= new (require('date-holidays') as typeof Holidays)('GB', 'ENG');
  return calendar
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10));
}

export const TABLE_FIRST_YEAR = 2000;
export const TABLE_LAST_YEAR = 2079;

/** The text of bank-holidays.table.ts, from date-holidays (scripts/bank-holidays-table.ts writes it). */
export function bankHolidaysTableSource(): string {
  const rows: string[] = [];
  for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year++) {
    const days = bankHolidaysFromLibrary(year).map((date) => date.slice(5));
    rows.push(`  '${days.join(' ')}', // ${year}`);
  }
  return `// Generated from date-holidays by \`npx tsx scripts/bank-holidays-table.ts\`: do not edit by hand.

/** England and Wales bank holidays of each year from ${TABLE_FIRST_YEAR} to ${TABLE_LAST_YEAR}, as MM-DD. */
export const BANK_HOLIDAYS_TABLE: readonly string[] = [
${rows.join('\n')}
];
`;
}
