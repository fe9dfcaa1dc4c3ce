import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

/** Why a message failed for good: recipient gone (403/404), Teams or we refused it, or retries ran out. */
export type FailureKind = 'unreachable' | 'rejected' | 'gave_up';

export interface DeliveryWorkersTable {
  id: string;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
}

declare module '../db/schema.js' {
  interface OutboxTable {
    /** Set on each claim; only the claimant may retry or fail the row (a late worker cannot undo a newer claim). */
    claim_token: string | null;
    failure_kind: FailureKind | null;
  }
  interface DB {
    delivery_workers: DeliveryWorkersTable;
  }
}
