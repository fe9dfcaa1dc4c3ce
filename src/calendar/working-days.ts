import Holidays from 'date-holidays';
import { addDays, daysInMonth, type IsoDate, weekday } from './iso-date.js';

/** England and Wales bank holidays (date-holidays GB-ENG, "public" type), cached per year. */
const bankHolidays = new Map<number, Set<IsoDate>>();
const calendar = new Holidays('GB', 'ENG');

function holidaysOf(year: number): Set<IsoDate> {
  let set = bankHolidays.get(year);
  if (!set) {
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    bankHolidays.set(year, set);
  }
  return set;
}

export function isBankHoliday(date: IsoDate): boolean {
  return holidaysOf(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: IsoDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !isBankHoliday(date);
}

/** The working day `n` working days after `date` (before it when n < 0); n = 0 gives `date` moved to a working day. */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  const step = n < 0 ? -1 : 1;
  let current = date;
  if (n === 0) {
    while (!isWorkingDay(current)) current = addDays(current, 1);
    return current;
  }
  for (let left = Math.abs(n); left > 0; ) {
    current = addDays(current, step);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/**
 * Working days from `from` to `to`: counts the working days after `from` up to and including `to`;
 * negative when `to` is earlier. Due today = 0; due next working day = 1; one working day overdue = -1.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  if (from === to) return 0;
  const forward = to > from;
  let count = 0;
  let current = from;
  while (current !== to) {
    current = addDays(current, forward ? 1 : -1);
    if (isWorkingDay(forward ? current : addDays(current, 1))) count++;
  }
  return forward ? count : -count;
}

/** The next working day on or after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  return addWorkingDays(date, 0);
}

export function lastWorkingDayOfMonth(year: number, month: number): IsoDate {
  let date = `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  while (!isWorkingDay(date)) date = addDays(date, -1);
  return date;
}
