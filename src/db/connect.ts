import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import type { DB } from './schema.js';

const DATE_OID = 1082;
const INT8_OID = 20;

/** A calendar date stays the string Postgres prints ('2026-12-01'): a JS Date would shift it by the time zone. */
const keepText = (value: string) => value;

export interface Store {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** A dump made by `dumpDataDir` to start an in-memory embedded store from (tests). */
  loadDataDir?: Blob | undefined;
  /** Largest number of pooled connections to PostgreSQL. */
  poolSize?: number | undefined;
  /** Told when an idle PostgreSQL connection fails (logged by the bot). */
  onPoolError?: ((error: Error) => void) | undefined;
}

export function openPostgres(
  url: string,
  poolSize = 10,
  onPoolError: (error: Error) => void = () => undefined,
): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID || oid === INT8_OID
          ? keepText
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // why: an idle connection the server ends (restart, failover) emits 'error'; unheard, node would stop the
  // process. The pool replaces the connection, and the next query reports any real outage.
  pool.on('error', (error) => onPoolError(error));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export interface EmbeddedStore extends Store {
  /** The whole data directory as a tarball (test templates, backups). */
  dump(): Promise<Blob>;
}

/**
 * PostgreSQL settings the embedded store starts with, on top of PGlite's own start parameters.
 * why: initdb writes shared_buffers = 128MB into the data directory's postgresql.conf, and PGlite's WASM heap
 * touches all of it at start; the heap never shrinks, so that was ~120 MB of resident memory for good. A
 * council's store is a few MB (the sample plan's is under 10 MB), so 16 MB of buffers still holds it all;
 * pages evicted from it come back from the OS file cache through the NodeFS data directory.
 */
export const PGLITE_SETTINGS = ['shared_buffers=16MB'];

export async function openPglite(
  options: Pick<StoreOptions, 'dataDir' | 'loadDataDir'>,
): Promise<EmbeddedStore> {
  // why: loaded here, not at the top, so a bot on PostgreSQL never loads PGlite's JavaScript at all.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
  ]);
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])],
  }).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    dump: async () => client.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

/** PostgreSQL when a URL is given, else the embedded store in `dataDir` (or in memory). */
export function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl)
    return Promise.resolve(openPostgres(options.databaseUrl, options.poolSize, options.onPoolError));
  return openPglite(options);
}
