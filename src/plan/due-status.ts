import type { IsoDate } from '../calendar/iso-date.js';
import { workingDaysBetween } from '../calendar/working-days.js';
import type { ActionState } from '../db/schema.js';

export interface DueStatus {
  kind: 'upcoming' | 'today' | 'overdue' | 'complete' | 'withdrawn';
  /** Working days left (positive) or overdue (negative). */
  workingDays: number;
  label: string;
}

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/** "due in 6 working days", "due today", "overdue by 3 working days". */
export function dueStatus(dueDate: IsoDate, state: ActionState, today: IsoDate): DueStatus {
  if (state === 'complete') return { kind: 'complete', workingDays: 0, label: 'complete' };
  if (state === 'withdrawn') return { kind: 'withdrawn', workingDays: 0, label: 'withdrawn from the plan' };
  const n = workingDaysBetween(today, dueDate);
  if (n > 0) return { kind: 'upcoming', workingDays: n, label: `due in ${days(n)}` };
  if (n === 0 && dueDate >= today) return { kind: 'today', workingDays: 0, label: 'due today' };
  // why: a due date on a weekend or bank holiday that has passed is still overdue, by at least a day.
  const overdue = Math.max(1, -n);
  return { kind: 'overdue', workingDays: -overdue, label: `overdue by ${days(overdue)}` };
}
