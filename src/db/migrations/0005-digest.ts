import { type Kysely, sql } from 'kysely';

/** Digest subscriptions: which channels receive the weekly digest, optionally limited to priority areas. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('digest_subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('conversation_ref_id', 'uuid', (c) => c.notNull().references('conversation_refs.id'))
    .addColumn('priority_areas', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by_person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('digest_subscriptions_uq', ['org_id', 'conversation_ref_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('digest_subscriptions').execute();
}
