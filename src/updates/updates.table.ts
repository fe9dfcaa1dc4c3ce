import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export type DateRequestState = 'pending' | 'approved' | 'declined';

/**
 * An owner's request to move an action's due date, decided by a programme lead. While `pending` the due
 * date is unchanged; `approved` moved `actions.due_date` from `current_due_date` to `requested_date` at
 * `decided_at` (the digest's "date changes this week": listDateChanges). Every step is also in audit_log
 * (entity 'action', change 'date_requested' | 'due_date_changed' | 'date_declined').
 */
export interface DateRequestsTable {
  id: string;
  org_id: string;
  action_id: string;
  requested_by_person_id: string;
  current_due_date: string;
  requested_date: string;
  reason: string;
  state: ColumnType<DateRequestState, DateRequestState | undefined, DateRequestState>;
  decided_by_person_id: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  /** From the card that sent it, scoped to the person: a double tap records one request. */
  idempotency_key: string;
  created_at: Timestamp;
}

/** `snooze 3a 3`: no reminders about the action for this person until (and including) `until_date`. */
export interface SnoozesTable {
  org_id: string;
  action_id: string;
  person_id: string;
  until_date: string;
  created_at: Timestamp;
}

declare module '../db/schema.js' {
  interface DB {
    date_requests: DateRequestsTable;
    snoozes: SnoozesTable;
  }
}
