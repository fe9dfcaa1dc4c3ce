import { type Kysely, sql } from 'kysely';

/** Delivery: claim fencing and failure kind on the outbox, worker heartbeats, and the scheduler's leader lease. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('claim_token', 'text')
    .addColumn('failure_kind', 'text')
    .execute();
  await db.schema
    .alterTable('outbox')
    .addCheckConstraint(
      'outbox_failure_kind_ck',
      sql`failure_kind is null or failure_kind in ('unreachable', 'rejected', 'gave_up')`,
    )
    .execute();
  await db.schema
    .createIndex('outbox_lease_ix')
    .on('outbox')
    .column('claimed_until')
    .where(sql.ref('state'), '=', 'sending')
    .execute();
  await db.schema.createIndex('outbox_org_state_ix').on('outbox').columns(['org_id', 'state']).execute();

  await db.schema
    .createTable('delivery_workers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leader_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('leader_leases').execute();
  await db.schema.dropTable('delivery_workers').execute();
  await db.schema.dropIndex('outbox_org_state_ix').execute();
  await db.schema.dropIndex('outbox_lease_ix').execute();
  await db.schema.alterTable('outbox').dropConstraint('outbox_failure_kind_ck').execute();
  await db.schema.alterTable('outbox').dropColumn('failure_kind').dropColumn('claim_token').execute();
}
