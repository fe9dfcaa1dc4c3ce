import type {
  Kysely,
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { type CacheSource, type DataGeneration, deepFreeze } from './data-generation.js';
import type { DB } from './schema.js';

/** The tables cached reads come from (the viewer, a person's actions): a write to one forgets what was read from it. */
export const WATCHED_TABLES: readonly string[] = [
  'people',
  'role_assignments',
  'priority_areas',
  'objectives',
  'actions',
  'action_owner_roles',
  'measures',
  'action_delegations',
];

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

const tableName = (node: unknown): string | undefined => {
  const n = node as { kind?: string; node?: unknown; table?: { identifier?: { name?: string } } };
  if (n?.kind === 'AliasNode') return tableName(n.node);
  return n?.kind === 'TableNode' ? n.table?.identifier?.name : undefined;
};

/** The tables written by the write statements anywhere in a query (its own, or in a WITH clause). */
function writtenTables(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const item of node) writtenTables(item, out);
    return out;
  }
  const n = node as Record<string, unknown> & { kind?: string };
  if (n.kind && WRITES.has(n.kind)) {
    const targets =
      n.kind === 'DeleteQueryNode' ? (n.from as { froms: unknown[] }).froms : [n.into ?? n.table];
    for (const t of targets) out.push(tableName(t) ?? '?');
  }
  for (const value of Object.values(n)) if (value && typeof value === 'object') writtenTables(value, out);
  return out;
}

/**
 * The watched tables a query may change: none for a read; all of them (undefined) for raw SQL or a schema
 * change that is not a SELECT, or a write whose table cannot be told.
 */
export function watchedTablesChanged(node: RootOperationNode | OperationNode): string[] | undefined {
  if (node.kind === 'RawNode') {
    const text = (node as { sqlFragments: readonly string[] }).sqlFragments.join(' ').trimStart();
    return /^select\b/i.test(text) ? [] : undefined;
  }
  if (node.kind === 'SelectQueryNode' && !(node as { with?: unknown }).with) return [];
  if (node.kind !== 'SelectQueryNode' && !WRITES.has(node.kind)) return undefined;
  const tables = writtenTables(node);
  return tables.includes('?') ? undefined : tables.filter((t) => WATCHED_TABLES.includes(t));
}

/** Tells the generation, as each statement that may change a watched table is sent (before it runs). */
class WriteWatch implements KyselyPlugin {
  constructor(private readonly generation: DataGeneration) {}

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const tables = watchedTablesChanged(node);
    if (tables === undefined || tables.length > 0) this.generation.changed(tables);
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

const generations = new WeakMap<Kysely<DB>, DataGeneration>();

/** The store as the app uses it: its writes move `generation`, and cached reads through it use that generation. */
export function watchWrites(db: Kysely<DB>, generation: DataGeneration): Kysely<DB> {
  const watched = db.withPlugin(new WriteWatch(generation));
  generations.set(watched, generation);
  return watched;
}

/** The generation of a store made by watchWrites; undefined (read through) for any other, or a transaction. */
export const generationOf = (db: unknown): DataGeneration | undefined => generations.get(db as Kysely<DB>);

/** `load()` through the store's cache when it has one (see DataGeneration.read), else straight from the store. */
export function cachedRead<T>(
  db: unknown,
  source: CacheSource,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  // why: frozen on every path, so code that would change a cached value fails in tests that run uncached too.
  return generationOf(db)?.read(source, key, load) ?? load().then(deepFreeze);
}
