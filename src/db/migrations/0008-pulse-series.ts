import { type Kysely, sql } from 'kysely';

/**
 * Monthly Health Check series: a round opened by an admin repeats a calendar month later with the same
 * statements (by code), audience filter and length, until stopped. Rounds name the series they belong to.
 * Nothing here concerns people or answers: anonymity (pulse_participants / pulse_ballots) is unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pulse_series')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('statement_codes', 'jsonb', (c) => c.notNull())
    .addColumn('audience_team', 'text')
    .addColumn('audience_service', 'text')
    .addColumn('open_days', 'integer', (c) => c.notNull())
    .addColumn('anchor_on', 'date', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('next_opens_on', 'date', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('stopped_by', 'text')
    .addCheckConstraint('pulse_series_open_days_ck', sql`open_days >= 1`)
    .addCheckConstraint('pulse_series_next_ck', sql`next_opens_on > anchor_on`)
    .execute();
  // why: one running series per organisation, as there is one round in flight; a new one replaces it.
  await db.schema
    .createIndex('pulse_series_running_uq')
    .on('pulse_series')
    .column('org_id')
    .unique()
    .where(sql.ref('stopped_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('pulse_series_due_ix')
    .on('pulse_series')
    .column('next_opens_on')
    .where(sql.ref('stopped_at'), 'is', null)
    .execute();
  await db.schema
    .alterTable('pulse_rounds')
    .addColumn('series_id', 'uuid', (c) => c.references('pulse_series.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pulse_rounds').dropColumn('series_id').execute();
  await db.schema.dropTable('pulse_series').execute();
}
