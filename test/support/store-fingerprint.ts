import { sql } from 'kysely';
import type { Store } from '../../src/db/connect.js';

/** Tables a turn may write without changing anything a person sees (where to reach them; service state). */
const IGNORED = /^(conversation_refs|organisations|kysely_migration.*|.*lease.*|.*heartbeat.*|.*lock.*)$/;

interface Table {
  name: string;
  scoped: boolean;
}

const cache = new WeakMap<Store, Promise<Table[]>>();

/** Every table of the store's current schema except IGNORED (and whether it has org_id), read once per store. */
function tablesOf(store: Store): Promise<Table[]> {
  let tables = cache.get(store);
  if (!tables) {
    tables = sql<Table>`select t.table_name as name, exists (select 1 from information_schema.columns c
        where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'org_id') as scoped
      from information_schema.tables t
      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE' order by t.table_name`
      .execute(store.db)
      .then((r) => r.rows.filter((t) => !IGNORED.test(t.name)));
    cache.set(store, tables);
  }
  return tables;
}

/**
 * One cheap query that changes whenever a row of the organisation is added or removed (in tables without
 * org_id: any row), or one of its actions changes status, dates or state: equal fingerprints before and after = the turn changed nothing.
 */
export async function storeFingerprint(store: Store, orgId: string): Promise<string> {
  const counts = (await tablesOf(store)).map((t) =>
    t.scoped
      ? sql`(select count(*) from ${sql.table(t.name)} where org_id = ${orgId})`
      : sql`(select count(*) from ${sql.table(t.name)})`,
  );
  const actions = sql`(select md5(coalesce(string_agg(concat_ws('|', id, rag, percent, state, due_date,
    last_update_at), ',' order by id), '')) from actions where org_id = ${orgId})`;
  const { rows } = await sql<{
    f: string;
  }>`select concat_ws(':', ${sql.join([...counts, actions])}) as f`.execute(store.db);
  return rows[0]!.f;
}
