import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Json<T> = ColumnType<T, T | string, T | string>;

/** Why an action is in a reminder today: n working days before its due date, due today, or overdue. */
export interface ReminderTrigger {
  actionId: string;
  ref: string;
  reason: 'before' | 'due' | 'overdue';
  /** Working days left (before) or overdue (overdue); 0 on the due date. */
  workingDays: number;
}

/**
 * One reminder card sent to one person on one day (the bundle). `action_ids` is everything the card lists
 * (open actions of theirs due within the window or overdue); `triggers` is what the policy fired for today.
 * Written in the same transaction as the outbox row `reminder:<date>:<personId>`; read to rebuild the card
 * after a tap and to know which action a plain-text answer is about.
 */
export interface RemindersTable {
  id: string;
  org_id: string;
  person_id: string;
  reminder_date: string;
  action_ids: Json<string[]>;
  triggers: Json<ReminderTrigger[]>;
  created_at: Timestamp;
}

/**
 * An action escalated to the programme leads because it was `working_days_overdue` working days past
 * `due_date` on `escalated_on`. At most one per action and due date (a new approved date can escalate again).
 * The digest lists these with the owner roles (listEscalations).
 */
export interface EscalationsTable {
  id: string;
  org_id: string;
  action_id: string;
  due_date: string;
  escalated_on: string;
  working_days_overdue: number;
  owner_roles: Json<string[]>;
  created_at: Timestamp;
}

declare module '../db/schema.js' {
  interface DB {
    reminders: RemindersTable;
    escalations: EscalationsTable;
  }
}
