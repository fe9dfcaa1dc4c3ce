import { type Kysely, sql } from 'kysely';
import { DATA_CHANGED_CHANNEL } from '../data-change-listener.js';
import { WATCHED_TABLES } from '../write-watch.plugin.js';

/**
 * Every copy of the bot caches the roster and people's actions (DataGeneration); a change committed by any
 * copy (or the CLI) notifies the others with the table's name, once per statement (why: a 10,000-row import notifies once, not per row).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function pp_notify_data_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify(${sql.lit(DATA_CHANGED_CHANNEL)}, TG_TABLE_NAME);
      return null;
    end $$`.execute(db);
  for (const table of WATCHED_TABLES) {
    await sql`create trigger ${sql.raw(`${table}_data_changed`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function pp_notify_data_changed()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of WATCHED_TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_data_changed`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists pp_notify_data_changed()`.execute(db);
}
