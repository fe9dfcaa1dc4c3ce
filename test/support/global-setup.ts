import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { testDatabaseUrl, testStoreKinds } from './store-settings.js';

const MIGRATIONS_DIR = 'src/db/migrations';
const CACHE_DIR = '.test-data';

/** Migrates an embedded store once per set of migrations and keeps its dump, so each worker loads it in ~1 s. */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort())
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  const path = join(CACHE_DIR, `template-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE_DIR, { recursive: true });
  const store = await openPglite({});
  await migrateToLatest(store.db);
  const dump = await store.dump();
  await store.close();
  const tmp = `${path}.${process.pid}`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, path);
  return path;
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  project.provide('runId', runId);
  project.provide('pgliteTemplate', testStoreKinds().includes('pglite') ? await pgliteTemplate() : '');
  return async () => {
    if (!testStoreKinds().includes('postgres')) return;
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    const { rows } = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like $1`,
      [`pp_${runId}_%`],
    );
    for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
    await client.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
    pgliteTemplate: string;
  }
}
