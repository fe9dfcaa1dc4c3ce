import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { onCleanup } from './cleanup.js';

export type StoreKind = 'pglite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['pglite', 'postgres'];

/**
 * The stores a scenario runs on. why: a quick run is a smoke check of the machinery and must stay under 30 s;
 * a new embedded store alone costs 5 s or more, so quick runs use PostgreSQL only.
 */
export const storesFor = (quick: boolean): StoreKind[] => (quick ? ['postgres'] : STORE_KINDS);

/** A PostgreSQL role allowed to create databases; the bench makes its own and drops them at the end. */
export function adminDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database for one bench run; dropped when the run ends. Returns its URL. */
export async function createBenchDatabase(): Promise<string> {
  const name = `pp_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${name}"`));
  onCleanup(() => withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => {}));
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops bench databases more than an hour old (their names carry the time they were made): left behind by a
 * run that was killed before it could clean up. No run lasts that long, so none of them is in use.
 */
export async function dropStaleBenchDatabases(now = Date.now()): Promise<string[]> {
  const { rows } = await withAdmin((c) =>
    c.query<{ datname: string }>(`select datname from pg_database where datname like 'pp\\_bench\\_%'`),
  );
  const stale = rows
    .map((r) => r.datname)
    .filter((name) => now - Number.parseInt(name.split('_')[2] ?? '', 36) > 3_600_000);
  for (const name of stale) await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
  return stale;
}

/** What the stores are, for the results header. */
export async function storeVersions(): Promise<string> {
  const pglite = JSON.parse(
    readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ).version;
  let postgres: string;
  try {
    postgres = await withAdmin(async (c) => {
      const { rows } = await c.query<{ server_version: string }>('show server_version');
      return `PostgreSQL ${rows[0]?.server_version ?? '?'} on 127.0.0.1`;
    });
  } catch (error) {
    postgres = `PostgreSQL not reachable (${(error as Error).message})`;
  }
  return `embedded PGlite ${pglite} (PostgreSQL 18); ${postgres}`;
}
