import { sql } from 'kysely';
import type { Store } from '../../src/db/connect.js';

/** Tables a turn may write without changing anything a person sees (where to reach them; service state). */
const IGNORED = /^(conversation_refs|organisations|kysely_migration.*|.*lease.*|.*heartbeat.*|.*lock.*)$/;

const cache = new WeakMap<Store, Promise<string[]>>();

/** Every table of the store's current schema except IGNORED, read once per store. */
function tablesOf(store: Store): Promise<string[]> {
  let tables = cache.get(store);
  if (!tables) {
    tables = sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`
      .execute(store.db)
      .then((r) => r.rows.map((t) => t.name).filter((n) => !IGNORED.test(n)));
    cache.set(store, tables);
  }
  return tables;
}

/**
 * One cheap query that changes whenever any row is added or removed anywhere (all organisations), or one of
 * the organisation's actions changes status, dates or state: equal fingerprints before and after = the turn changed nothing.
 */
export async function storeFingerprint(store: Store, orgId: string): Promise<string> {
  const counts = (await tablesOf(store)).map((t) => sql`(select count(*) from ${sql.table(t)})`);
  const actions = sql`(select md5(coalesce(string_agg(concat_ws('|', id, rag, percent, state, due_date,
    last_update_at), ',' order by id), '')) from actions where org_id = ${orgId})`;
  const { rows } = await sql<{
    f: string;
  }>`select concat_ws(':', ${sql.join([...counts, actions])}) as f`.execute(store.db);
  return rows[0]!.f;
}
