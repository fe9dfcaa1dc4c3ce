import { addDays, type IsoDate, weekday, zonedInstant } from '../calendar/iso-date.js';
import { nextWorkingDay } from '../calendar/working-days.js';
import type { Config } from '../config/config.schema.js';

const DAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4 } as const;

/** Monday of the ISO week `date` falls in. */
export function isoWeekMonday(date: IsoDate): IsoDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** ISO 8601 week label, e.g. '2026-W49' (the year is that of the week's Thursday). */
export function isoWeek(date: IsoDate): string {
  const thursday = addDays(isoWeekMonday(date), 3);
  const jan1 = `${thursday.slice(0, 4)}-01-01`;
  const dayOfYear = Math.round((Date.parse(thursday) - Date.parse(jan1)) / 86_400_000);
  return `${thursday.slice(0, 4)}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

export interface DigestSlot {
  /** The ISO week the digest belongs to (its idempotency key part). */
  week: string;
  /** The date it is sent: DIGEST_DAY of that week, moved to the next working day if a bank holiday. */
  date: IsoDate;
  at: Date;
  /** When the previous week's digest was due: this one's "what changed" starts there, so none is missed. */
  previousAt: Date;
}

type DigestSettings = Pick<Config, 'DIGEST_DAY' | 'DIGEST_TIME' | 'TIME_ZONE'>;

function slotOfWeek(monday: IsoDate, config: DigestSettings): DigestSlot {
  const dateOf = (m: IsoDate) => nextWorkingDay(addDays(m, DAY_INDEX[config.DIGEST_DAY]));
  const atOf = (m: IsoDate) => zonedInstant(dateOf(m), config.DIGEST_TIME, config.TIME_ZONE);
  return {
    week: isoWeek(monday),
    date: dateOf(monday),
    at: atOf(monday),
    previousAt: atOf(addDays(monday, -7)),
  };
}

/** The latest digest slot whose send time has come by `now` (this week's, or last week's if not yet). */
export function currentSlot(now: Date, today: IsoDate, config: DigestSettings): DigestSlot {
  const monday = isoWeekMonday(today);
  const thisWeek = slotOfWeek(monday, config);
  return thisWeek.at <= now ? thisWeek : slotOfWeek(addDays(monday, -7), config);
}

/** The first slot after `now`: what `digest here` announces. */
export function nextSlot(now: Date, today: IsoDate, config: DigestSettings): DigestSlot {
  const monday = isoWeekMonday(today);
  const thisWeek = slotOfWeek(monday, config);
  return thisWeek.at > now ? thisWeek : slotOfWeek(addDays(monday, 7), config);
}

/** Cron for the digest job: every weekday at DIGEST_TIME, so a slot moved off a bank holiday still runs. */
export function digestCron(config: Pick<Config, 'DIGEST_TIME'>): string {
  const [hh, mm] = config.DIGEST_TIME.split(':');
  return `${Number(mm)} ${Number(hh)} * * 1-5`;
}

export const digestKey = (conversationRefId: string, week: string) => `digest:${conversationRefId}:${week}`;
