import { sql } from 'kysely';
import type { Store } from '../../src/db/connect.js';

/**
 * Every table a bot turn or tab request can write on a person's behalf (the plan's structure, roles and the
 * delivery service's own state are written only by imports and workers). Tables missing from an older schema
 * are skipped.
 */
const CHANGEABLE = [
  'people',
  'status_updates',
  'audit_log',
  'outbox',
  'action_delegations',
  'date_requests',
  'snoozes',
  'reminders',
  'escalations',
  'digest_subscriptions',
  'pulse_rounds',
  'pulse_series',
  'pulse_participants',
  'pulse_ballots',
  'pulse_comments',
  'pulse_tallies',
];

interface Table {
  name: string;
  scope: 'org' | 'round' | 'none';
}

const cache = new WeakMap<Store, Promise<Table[]>>();

/** The CHANGEABLE tables of the store's schema, each with how to narrow it to one organisation. */
function tablesOf(store: Store): Promise<Table[]> {
  let tables = cache.get(store);
  if (!tables) {
    tables = sql<{ table: string; column: string }>`select table_name as "table", column_name as "column"
      from information_schema.columns where table_schema = current_schema() and column_name in ('org_id', 'round_id')`
      .execute(store.db)
      .then(async ({ rows }) => {
        const { rows: all } = await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables
          where table_schema = current_schema()`.execute(store.db);
        const existing = new Set(all.map((t) => t.name));
        const has = (t: string, c: string) => rows.some((r) => r.table === t && r.column === c);
        return CHANGEABLE.filter((t) => existing.has(t)).map((name) => ({
          name,
          scope: has(name, 'org_id') ? 'org' : has(name, 'round_id') ? 'round' : 'none',
        }));
      });
    cache.set(store, tables);
  }
  return tables;
}

/**
 * One query that changes whenever the organisation gains or loses a row in a CHANGEABLE table, one of its
 * actions changes status, dates or state, or a pulse answer of its rounds changes: equal fingerprints before
 * and after = the turn changed nothing a person could see.
 */
export async function storeFingerprint(store: Store, orgId: string): Promise<string> {
  const rounds = sql`(select id from pulse_rounds where org_id = ${orgId})`;
  const counts = (await tablesOf(store)).map((t) => {
    const table = sql.table(t.name);
    if (t.scope === 'org') return sql`(select count(*) from ${table} where org_id = ${orgId})`;
    if (t.scope === 'round') return sql`(select count(*) from ${table} where round_id in ${rounds})`;
    return sql`(select count(*) from ${table})`;
  });
  const actions = sql`(select md5(coalesce(string_agg(concat_ws('|', id, rag, percent, state, due_date,
    last_update_at), ',' order by id), '')) from actions where org_id = ${orgId})`;
  const answers = sql`(select md5(coalesce(string_agg(concat_ws('|', a.ballot_id, a.statement_id, a.value), ','
    order by a.ballot_id, a.statement_id), '')) from pulse_answers a
    join pulse_ballots b on b.id = a.ballot_id where b.round_id in ${rounds})`;
  const { rows } = await sql<{
    f: string;
  }>`select concat_ws(':', ${sql.join([...counts, actions, answers])}) as f`.execute(store.db);
  return rows[0]!.f;
}
