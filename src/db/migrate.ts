import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
function migrator(db: Kysely<any>, schema?: string): Migrator {
  // why: without a schema Kysely looks for its lock table in every schema and may find another one's.
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Brings the schema up to date; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db, schema).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${String(result.error)}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** True when every known migration has been applied (readiness check). */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function isSchemaCurrent(db: Kysely<any>, schema?: string): Promise<boolean> {
  const applied = await migrator(db, schema).getMigrations();
  return applied.every((m) => m.executedAt !== undefined);
}
