import { type Kysely, sql } from 'kysely';

/**
 * Health Check pulses. Participation (who is asked, who has answered) and ballots (what was answered) live in
 * separate tables; ballots carry no person id, no timestamp and random keys. Both are emptied when a round
 * closes, leaving only counts (tallies, groups) and comments, none of which can be tied to a person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pulse_statements')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('pulse_statements_live_uq')
    .on('pulse_statements')
    .columns(['org_id', 'code'])
    .unique()
    .where(sql.ref('retired_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('pulse_rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'date', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    .addColumn('audience_team', 'text')
    .addColumn('audience_service', 'text')
    .addColumn('audience_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('respondents', 'integer')
    .addColumn('link_secret', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('pulse_rounds_state_ck', sql`state in ('scheduled', 'open', 'closed')`)
    .addCheckConstraint('pulse_rounds_dates_ck', sql`closes_on >= opens_on`)
    .addCheckConstraint('pulse_rounds_secret_ck', sql`state <> 'closed' or link_secret is null`)
    .execute();
  // why: one round in flight per organisation keeps `pulse` unambiguous for the person answering.
  await db.schema
    .createIndex('pulse_rounds_live_uq')
    .on('pulse_rounds')
    .column('org_id')
    .unique()
    .where(sql.ref('state'), '<>', 'closed')
    .execute();
  await db.schema
    .createIndex('pulse_rounds_org_ix')
    .on('pulse_rounds')
    .columns(['org_id', 'closes_on'])
    .execute();

  await db.schema
    .createTable('pulse_round_statements')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('pulse_rounds.id').onDelete('cascade'))
    .addColumn('statement_id', 'uuid', (c) => c.notNull().references('pulse_statements.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pulse_round_statements_pk', ['round_id', 'statement_id'])
    .execute();

  await db.schema
    .createTable('pulse_participants')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('pulse_rounds.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('team', 'text')
    .addColumn('answered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('nudges', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pulse_participants_pk', ['round_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('pulse_ballots')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('pulse_rounds.id').onDelete('cascade'))
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('comment', 'text')
    .addUniqueConstraint('pulse_ballots_link_uq', ['round_id', 'link'])
    .execute();

  await db.schema
    .createTable('pulse_answers')
    .addColumn('ballot_id', 'uuid', (c) => c.notNull().references('pulse_ballots.id').onDelete('cascade'))
    .addColumn('statement_id', 'uuid', (c) => c.notNull())
    .addColumn('value', 'smallint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pulse_answers_pk', ['ballot_id', 'statement_id'])
    .addCheckConstraint('pulse_answers_value_ck', sql`value between 0 and 5`)
    .execute();

  await db.schema
    .createTable('pulse_round_groups')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('pulse_rounds.id').onDelete('cascade'))
    .addColumn('team', 'text')
    .addColumn('audience', 'integer', (c) => c.notNull())
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pulse_round_groups_ix').on('pulse_round_groups').column('round_id').execute();

  await db.schema
    .createTable('pulse_tallies')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('pulse_rounds.id').onDelete('cascade'))
    .addColumn('statement_id', 'uuid', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('value', 'smallint', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pulse_tallies_ix')
    .on('pulse_tallies')
    .columns(['round_id', 'statement_id'])
    .execute();

  await db.schema
    .createTable('pulse_comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('pulse_rounds.id').onDelete('cascade'))
    .addColumn('team', 'text')
    .addColumn('text', 'text')
    .execute();
  await db.schema.createIndex('pulse_comments_ix').on('pulse_comments').column('round_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'pulse_comments',
    'pulse_tallies',
    'pulse_round_groups',
    'pulse_answers',
    'pulse_ballots',
    'pulse_participants',
    'pulse_round_statements',
    'pulse_rounds',
    'pulse_statements',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
