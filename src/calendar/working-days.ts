import { englandBankHolidays } from './bank-holidays.js';
import { addDays, daysInMonth, type IsoDate, toUtcDate, weekday } from './iso-date.js';

/** England and Wales bank holidays (date-holidays GB-ENG, "public" type), cached per year. */
const bankHolidays = new Map<number, Set<IsoDate>>();

function holidaysOf(year: number): Set<IsoDate> {
  let set = bankHolidays.get(year);
  if (!set) {
    set = new Set(englandBankHolidays(year));
    bankHolidays.set(year, set);
  }
  return set;
}

/** The year's bank holidays that fall on a weekday (the only ones that remove a working day). */
const weekdayHolidays = new Map<number, IsoDate[]>();
function weekdayHolidaysOf(year: number): IsoDate[] {
  let dates = weekdayHolidays.get(year);
  if (!dates) {
    dates = [...holidaysOf(year)].filter((d) => weekday(d) !== 0 && weekday(d) !== 6);
    weekdayHolidays.set(year, dates);
  }
  return dates;
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
  return to > from ? countWorkingDays(from, to) : 0 - countWorkingDays(to, from);
}

/**
 * Working days in (after, upTo]: weekdays by arithmetic, less the bank holidays that fall on them, so years-old
 * deadlines cost no more than next week's (every card and digest asks this for every action).
 */
function countWorkingDays(after: IsoDate, upTo: IsoDate): number {
  const days = Math.round((toUtcDate(upTo).getTime() - toUtcDate(after).getTime()) / 86_400_000);
  let weekdays = Math.floor(days / 7) * 5;
  const startDay = weekday(after);
  for (let i = 1; i <= days % 7; i++) {
    const day = (startDay + i) % 7;
    if (day !== 0 && day !== 6) weekdays++;
  }
  let holidays = 0;
  for (let year = Number(after.slice(0, 4)); year <= Number(upTo.slice(0, 4)); year++) {
    for (const date of weekdayHolidaysOf(year)) if (date > after && date <= upTo) holidays++;
  }
  return weekdays - holidays;
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
