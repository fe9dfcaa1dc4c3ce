import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, inject } from 'vitest';
import { openPglite, openPostgres, type Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { newId } from '../../src/shared/ids.js';
import { type StoreKind, testDatabaseUrl, testStoreKinds } from './store-settings.js';

export type { StoreKind };

const opened = new Map<StoreKind, Promise<Store>>();
const testSchemas = new WeakMap<Store, string>();

/** The PostgreSQL schema a test store lives in (undefined for the embedded store). */
export const schemaOf = (store: Store): string | undefined => testSchemas.get(store);

async function openTestStore(kind: StoreKind): Promise<Store> {
  if (kind === 'pglite') {
    const template = readFileSync(inject('pgliteTemplate'));
    return openPglite({ loadDataDir: new Blob([template]) });
  }
  // why: each worker gets its own schema, so parallel workers and parallel runs never see each other's rows.
  const schema = `pp_${inject('runId')}_${process.pid}_${randomBytes(2).toString('hex')}`;
  const admin = openPostgres(testDatabaseUrl(), 1);
  await sql.raw(`create schema "${schema}"`).execute(admin.db);
  await admin.close();
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = openPostgres(url.toString(), 4);
  await migrateToLatest(store.db, schema);
  testSchemas.set(store, schema);
  return store;
}

/** The worker's store of this kind, opened once and shared by every test file the worker runs. */
export function testStore(kind: StoreKind): Promise<Store> {
  let store = opened.get(kind);
  if (!store) {
    store = openTestStore(kind);
    opened.set(kind, store);
  }
  return store;
}

/** Runs the same suite on every store kind under test (PGlite and PostgreSQL). */
export function describeStores(name: string, suite: (kind: StoreKind) => void): void {
  describe.each(testStoreKinds())(`${name} [%s]`, (kind) => suite(kind));
}

/** A fresh organisation (tenant) for one test: tests stay apart without truncating anything. */
export async function createOrg(store: Store, name = 'Test Council'): Promise<string> {
  const id = `tenant-${newId()}`;
  await store.db.insertInto('organisations').values({ id, name }).execute();
  return id;
}

/** Tables whose rows carry an organisation id, for counting what a test left behind. */
type OrgTable =
  | 'actions'
  | 'people'
  | 'roles'
  | 'audit_log'
  | 'plans'
  | 'status_updates'
  | 'outbox'
  | 'date_requests';

/** How many rows of `table` belong to the organisation. */
export async function countOrgRows(store: Store, table: OrgTable, orgId: string): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
