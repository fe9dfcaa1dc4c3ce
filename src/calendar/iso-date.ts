/** Calendar dates as ISO strings ('2026-12-01'), computed in UTC so no local time zone can shift them. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function toUtcDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function fromUtcDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtcDate(d);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return toUtcDate(date).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// why: building an Intl.DateTimeFormat costs far more than formatting with one (the inbound bench showed
// date formatting at ~8% of a `my actions` turn), so each is made once per time zone and kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let made = formatters.get(key);
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

/** The calendar date an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return formatter(
    `date:${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(instant);
}

/** The local wall-clock time 'HH:MM' of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): string {
  return formatter(
    `time:${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  ).format(instant);
}

/** The instant at which a time zone's clock shows `date` `time` (handles GMT/BST changes). */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = new Date(`${localDate(guess, timeZone)}T${localTime(guess, timeZone)}:00Z`);
  const offset = shown.getTime() - guess.getTime();
  return new Date(guess.getTime() - offset);
}

const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Fri 12 Dec" */
export function shortDate(date: IsoDate): string {
  return SHORT_DATE.format(toUtcDate(date)).replace(',', '');
}

/** "12 Dec 2026" */
export function longDate(date: IsoDate): string {
  return LONG_DATE.format(toUtcDate(date));
}
