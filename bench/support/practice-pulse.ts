import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/db/connect.js';
import { benchTenant } from './activities.js';
import { compiledEchoBot, productionBuild } from './build.js';
import { onCleanup } from './cleanup.js';
import { freePort } from './free-port.js';
import { type RunningProcess, repoRoot, startProcess } from './processes.js';
import { createBenchDatabase, type StoreKind } from './stores.js';

export interface SeededStore {
  kind: StoreKind;
  /** DATA_DIR or DATABASE_URL of a store that already holds the migrated schema and the sample plan. */
  env: Record<string, string>;
  /** Start-up to healthy on the empty store, including migrations and the sample import. */
  firstStartMs: number;
  /** Values the recorded activities refer to, e.g. `action:1a` → that action's id in this store. */
  vars: Record<string, string>;
}

/** Sample actions whose ids the fixtures use (card data carries the action id, as the bot's cards do). */
const FIXTURE_ACTIONS = ['1a'];

/** Stand-in values for a bot that has no store (the echo bot ignores them; they have the same shape). */
export const referenceVars = (): Record<string, string> =>
  Object.fromEntries(FIXTURE_ACTIONS.map((ref) => [`action:${ref}`, randomUUID()]));

async function fixtureVars(env: Record<string, string>): Promise<Record<string, string>> {
  const store = await openStore(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR },
  );
  try {
    const rows = await store.db
      .selectFrom('actions')
      .select(['ref', 'id'])
      .where('org_id', '=', benchTenant())
      .where('ref', 'in', FIXTURE_ACTIONS)
      .execute();
    return Object.fromEntries(rows.map((r) => [`action:${r.ref}`, r.id]));
  } finally {
    await store.close();
  }
}

const seeded = new Map<StoreKind, Promise<SeededStore>>();

async function emptyStoreEnv(kind: StoreKind): Promise<Record<string, string>> {
  if (kind === 'postgres') return { DATABASE_URL: await createBenchDatabase(), DATA_DIR: '' };
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-store-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  // why: an empty DATABASE_URL counts as unset, so a developer's own DATABASE_URL cannot leak into the run.
  return { DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
}

/**
 * A store of this kind holding the sample plan, made once per run by starting practice-pulse on an empty
 * store with `--sample` (as `npm start` does) and stopping it. Scenarios that start the bot reuse it.
 */
export function seededStore(kind: StoreKind): Promise<SeededStore> {
  let store = seeded.get(kind);
  if (!store) {
    store = (async () => {
      const env = await emptyStoreEnv(kind);
      const first = await startPracticePulse(env, { sample: true });
      await first.stop();
      return { kind, env, firstStartMs: first.readyMs, vars: await fixtureVars(env) };
    })();
    seeded.set(kind, store);
  }
  return store;
}

export interface StartPulseOptions {
  /** `npm start`: TypeScript through tsx, importing the sample plan, roles and roster at start. */
  sample?: boolean;
}

/**
 * The Node options `npm run start:prod` gives (`node <options> dist/src/index.js` in package.json), so the bench
 * starts the production build exactly as it is deployed.
 */
export function productionNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = /\bnode((?:\s+--\S+)*)\s+dist\/src\/index\.js/.exec(pkg.scripts['start:prod'] ?? '');
  if (!command) throw new Error('package.json: start:prod does not run `node … dist/src/index.js`');
  return command[1]!.trim().split(/\s+/).filter(Boolean);
}

/**
 * Starts practice-pulse on 127.0.0.1 with the given store, in local mode (no Bot auth): the production build
 * (`node dist/src/index.js` with start:prod's Node options, as deployed) unless `sample` asks for `npm start`.
 */
export async function startPracticePulse(
  storeEnv: Record<string, string>,
  options: StartPulseOptions = {},
): Promise<RunningProcess> {
  const port = await freePort();
  return startProcess({
    name: options.sample ? 'practice-pulse-sample' : 'practice-pulse',
    script: options.sample ? 'src/index.ts' : await productionBuild(),
    nodeOptions: options.sample ? [] : productionNodeOptions(),
    args: options.sample ? ['--sample'] : [],
    env: {
      ENV: 'local',
      PORT: String(port),
      TENANT_ALLOW_LIST: benchTenant(),
      BOT_ID: '',
      SECRET_BOT_PASSWORD: '',
      // why: the load comes from one roster person; the per-person inbound limit would answer "slow down".
      INBOUND_BURST: '100000',
      INBOUND_PER_MINUTE: '1000000',
      ...storeEnv,
    },
    port,
    readyPath: '/api/health',
    timeoutMs: 60_000,
  });
}

/** Starts the bare botbuilder echo bot (bench/echo-bot.ts, compiled), the reference for inbound figures. */
export async function startEchoBot(): Promise<RunningProcess> {
  const port = await freePort();
  return startProcess({
    name: 'echo-bot',
    script: await compiledEchoBot(),
    env: { PORT: String(port) },
    port,
    readyPath: '/api/health',
    timeoutMs: 30_000,
  });
}

/** Starts the stub Bot Connector the bots reply to; its base URL is the activities' serviceUrl. */
export async function startStubConnector(): Promise<RunningProcess> {
  const port = await freePort();
  return startProcess({
    name: 'stub-connector',
    script: 'bench/support/stub-connector.ts',
    env: { PORT: String(port) },
    port,
    readyPath: '/ready',
    timeoutMs: 30_000,
  });
}
