import type { Kysely } from 'kysely';

/**
 * Measures found by their action (every action view gathers its measures): without this index each view
 * scanned every council's measures, ~7 ms per `my actions` with another council's 10,000 actions in the store.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('measures_action_ix')
    .on('measures')
    .columns(['action_id', 'ordinal'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('measures_action_ix').execute();
}
