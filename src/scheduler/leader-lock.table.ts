import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface LeaderLeasesTable {
  /** What is led, e.g. `scheduler`. */
  name: string;
  holder: string;
  acquired_at: Timestamp;
  expires_at: Timestamp;
}

declare module '../db/schema.js' {
  interface DB {
    leader_leases: LeaderLeasesTable;
  }
}
