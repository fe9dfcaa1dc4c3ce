import { type IsoDate, isIsoDate } from '../calendar/iso-date.js';
import { lastWorkingDayOfMonth } from '../calendar/working-days.js';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/**
 * A plan's "By When": a month and year ("Sept 2020", "September 2020", "Sep-20") means the last working day of
 * that month (England bank holidays skipped); a full date ("31/03/2021", "2021-03-31") means that day.
 * Returns undefined when it cannot be read.
 */
export function parseDeadline(text: string): IsoDate | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const monthYear = /^([a-z]+)\.?[\s-]+(\d{2}|\d{4})$/.exec(t);
  if (monthYear) {
    const month = MONTHS[monthYear[1] ?? ''];
    const year = Number(monthYear[2]!.length === 2 ? `20${monthYear[2]}` : monthYear[2]);
    return month ? lastWorkingDayOfMonth(year, month) : undefined;
  }
  if (isIsoDate(t)) return t;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) {
    const iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  return undefined;
}
