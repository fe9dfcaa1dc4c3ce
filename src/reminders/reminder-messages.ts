import type { IsoDate } from '../calendar/iso-date.js';
import type { ActionView } from '../plan/action-view.js';
import type { DueStatus } from '../plan/due-status.js';
import type { DateRequest } from '../updates/date-request.js';
import type { StatusUpdateRow } from '../updates/status-update.js';
import type { ReminderTrigger } from './reminders.table.js';

export interface ReminderItem {
  action: ActionView;
  due: DueStatus;
  /** Set when the policy fired for this action today (others are listed for context). */
  trigger?: ReminderTrigger;
  /** Set once the action was answered after the card was sent: shown read-only, without buttons. */
  answer?: ReminderAnswer;
}

export type ReminderAnswer =
  | { kind: 'update'; update: StatusUpdateRow; beforePercent: number | null }
  | { kind: 'date'; request: DateRequest };

/** One person's bundled reminder for one day. */
export interface ReminderView {
  reminderId: string;
  today: IsoDate;
  /** Working days ahead the card looks (the policy's largest "days before"). */
  windowDays: number;
  timeZone: string;
  items: ReminderItem[];
  /** The person's Entra object id: their card refreshes to its current state when they view it. */
  refreshFor?: string | null;
}

export interface EscalationView {
  today: IsoDate;
  escalateAfter: number;
  items: { action: ActionView; due: DueStatus }[];
}

/** Renders the proactive messages of the reminder job as Bot Framework activities (cards live outside src/). */
export interface ReminderMessages {
  reminder(view: ReminderView, now: Date): Record<string, unknown>;
  escalation(view: EscalationView, now: Date): Record<string, unknown>;
}
