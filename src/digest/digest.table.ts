import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Json<T> = ColumnType<T, T | string, T | string>;

/** A channel (or group chat) that receives the weekly digest. */
export interface DigestSubscriptionsTable {
  id: string;
  org_id: string;
  conversation_ref_id: string;
  /** Priority area names the digest is limited to; empty = the whole plan. */
  priority_areas: Json<string[]>;
  created_by_person_id: string | null;
  created_at: Timestamp;
}

declare module '../db/schema.js' {
  interface DB {
    digest_subscriptions: DigestSubscriptionsTable;
  }
}
