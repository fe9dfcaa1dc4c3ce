import { type Kysely, sql } from 'kysely';

/** Reminders and updates: reminder log, escalations, new-date requests and snoozes (see their *.table.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('reminder_date', 'date', (c) => c.notNull())
    .addColumn('action_ids', 'jsonb', (c) => c.notNull())
    .addColumn('triggers', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('reminders_person_day_uq', ['org_id', 'person_id', 'reminder_date'])
    .execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('actions.id'))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('escalated_on', 'date', (c) => c.notNull())
    .addColumn('working_days_overdue', 'integer', (c) => c.notNull())
    .addColumn('owner_roles', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('escalations_action_due_uq', ['org_id', 'action_id', 'due_date'])
    .execute();
  await db.schema
    .createIndex('escalations_org_day_ix')
    .on('escalations')
    .columns(['org_id', 'escalated_on'])
    .execute();

  await db.schema
    .createTable('date_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('actions.id'))
    .addColumn('requested_by_person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('current_due_date', 'date', (c) => c.notNull())
    .addColumn('requested_date', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decided_by_person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('decision_reason', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('date_requests_key_uq', ['org_id', 'idempotency_key'])
    .addCheckConstraint('date_requests_state_ck', sql`state in ('pending', 'approved', 'declined')`)
    .execute();
  await db.schema
    .createIndex('date_requests_org_decided_ix')
    .on('date_requests')
    .columns(['org_id', 'state', 'decided_at'])
    .execute();

  await db.schema
    .createTable('snoozes')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('actions.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('until_date', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('snoozes_pk', ['org_id', 'action_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['snoozes', 'date_requests', 'escalations', 'reminders']) {
    await db.schema.dropTable(table).execute();
  }
}
