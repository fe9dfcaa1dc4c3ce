import type { IsoDate } from '../calendar/iso-date.js';
import { workingDaysBetween } from '../calendar/working-days.js';
import type { Config } from '../config/config.schema.js';
import type { ReminderTrigger } from './reminders.table.js';

/** When owners hear about an action, in working days (see config: REMINDER_DAYS_BEFORE and friends). */
export interface ReminderPolicy {
  /** Working days before the due date on which to remind, e.g. [14, 7, 1]. */
  daysBefore: number[];
  /** While overdue, remind every n working days (5 = weekly). */
  overdueEvery: number;
  /** Escalate to the programme leads once this many working days overdue. */
  escalateAfter: number;
}

export function policyOf(config: Config): ReminderPolicy {
  return {
    daysBefore: config.REMINDER_DAYS_BEFORE,
    overdueEvery: config.REMINDER_OVERDUE_EVERY_DAYS,
    escalateAfter: config.ESCALATE_AFTER_DAYS,
  };
}

/** The reminder window: an open action due within this many working days is listed on any reminder card. */
export const windowOf = (policy: ReminderPolicy) => Math.max(0, ...policy.daysBefore);

/**
 * Working days from today to the due date: positive before, 0 on the due date, negative when overdue.
 * A due date on a weekend or bank holiday counts as due on the working day before it.
 */
export function workingDaysLeft(dueDate: IsoDate, today: IsoDate): number {
  const n = workingDaysBetween(today, dueDate);
  if (n === 0 && dueDate < today) return -1;
  return n;
}

/** Why the policy reminds about an action due on `dueDate` on working day `today`, if it does. */
export function reminderTrigger(
  dueDate: IsoDate,
  today: IsoDate,
  policy: ReminderPolicy,
): Pick<ReminderTrigger, 'reason' | 'workingDays'> | undefined {
  const left = workingDaysLeft(dueDate, today);
  if (left > 0) return policy.daysBefore.includes(left) ? { reason: 'before', workingDays: left } : undefined;
  if (left === 0) return { reason: 'due', workingDays: 0 };
  const overdue = -left;
  return overdue % policy.overdueEvery === 0 ? { reason: 'overdue', workingDays: overdue } : undefined;
}

/** True once an action is overdue long enough to be escalated (once per due date: see escalations table). */
export function isEscalationDue(dueDate: IsoDate, today: IsoDate, policy: ReminderPolicy): boolean {
  return -workingDaysLeft(dueDate, today) >= policy.escalateAfter;
}

/** True when the action belongs on a reminder card today: due within the window, or overdue. */
export function isInWindow(dueDate: IsoDate, today: IsoDate, policy: ReminderPolicy): boolean {
  return workingDaysLeft(dueDate, today) <= windowOf(policy);
}
