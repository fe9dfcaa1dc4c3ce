/**
 * Writes src/calendar/bank-holidays.table.ts, England and Wales bank holidays generated from date-holidays:
 * run it after updating date-holidays. `--check` only reports whether the table is up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bankHolidaysTableSource } from '../src/calendar/bank-holidays-library.js';

const path = 'src/calendar/bank-holidays.table.ts';
const current = readFileSync(path, { encoding: 'utf8', flag: 'a+' });
const updated = bankHolidaysTableSource();
if (process.argv.includes('--check')) {
  if (updated !== current) {
    console.error(`${path} is out of date; run npx tsx scripts/bank-holidays-table.ts`);
    process.exitCode = 1;
  }
} else if (updated !== current) {
  writeFileSync(path, updated);
  console.log(`${path} updated`);
}
