import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres, openStore, type Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ensureOrganisation } from '../../src/org/organisation.repository.js';
import { importPlan, importRoles, importRoster, readSource } from '../../src/plan/import-files.js';
import { SAMPLE_DIR, sampleStatementMeasures } from '../../src/plan/sample-plan.js';
import { newId } from '../../src/shared/ids.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { onCleanup } from '../support/cleanup.js';
import { generatePlanXlsx } from '../support/generate-plan.js';
import { seededStore } from '../support/practice-pulse.js';
import { errorRow } from '../support/run-scenarios.js';
import { createBenchDatabase, type StoreKind, storesFor } from '../support/stores.js';

const NAME = 'import';
const storeLabel = (kind: StoreKind) => (kind === 'pglite' ? 'embedded' : 'PostgreSQL');

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

/** A new organisation with the sample's roles and roster, ready for a first plan import. */
async function freshOrganisation(store: Store): Promise<string> {
  const orgId = `bench-${newId()}`;
  await ensureOrganisation(store.db, orgId, 'Bench Council');
  await importRoles(store.db, orgId, await readSource(join(SAMPLE_DIR, 'roles.csv')));
  await importRoster(store.db, orgId, await readSource(join(SAMPLE_DIR, 'roster.csv')));
  return orgId;
}

/** Each figure is measured on its own, so a failing large import still leaves the sample's figures. */
async function importRows(kind: StoreKind, large: { name: string; content: Buffer; actions: number }) {
  const where = storeLabel(kind);
  const store = await storeOfItsOwn(kind);
  const rows: BenchRow[] = [];
  const attempt = async (what: string, work: () => Promise<BenchRow[]>) => {
    try {
      rows.push(...(await work()));
    } catch (error) {
      rows.push(errorRow(NAME, new Error(`${what}, ${where}: ${(error as Error).message}`)));
    }
  };
  try {
    await attempt('sample plan', async () => {
      const sample = await readSource(join(SAMPLE_DIR, 'children-at-the-heart-plan.csv'));
      const options = { actor: 'bench', statements: sampleStatementMeasures() };
      const orgId = await freshOrganisation(store);
      const first = await timed(() => importPlan(store.db, orgId, sample, options, new Date()));
      const again = await timed(() => importPlan(store.db, orgId, sample, options, new Date()));
      const actions = first.result.added.length;
      return [
        row(`sample plan (${actions} actions), first import, ${where}`, first.ms, '< 300 ms', 300),
        row(`sample plan again (no change), ${where}`, again.ms),
      ];
    });
    await attempt(large.name, async () => {
      const orgId = await freshOrganisation(store);
      const big = await timed(() => importPlan(store.db, orgId, large, { actor: 'bench' }, new Date()));
      if (big.result.added.length !== large.actions)
        throw new Error(`${large.name}: ${big.result.added.length} actions added, expected ${large.actions}`);
      const again = await timed(() => importPlan(store.db, orgId, large, { actor: 'bench' }, new Date()));
      if (again.result.unchanged !== large.actions)
        throw new Error(
          `${large.name} again: ${again.result.unchanged} actions unchanged, expected ${large.actions}`,
        );
      const label = `${large.actions.toLocaleString('en-GB')}-action XLSX`;
      return [
        row(`${label}, ${where}`, big.ms, '< 3 s', 3000),
        row(`${label} again (no change), ${where}`, again.ms),
      ];
    });
  } finally {
    await store.close();
  }
  return rows;
}

/**
 * A store for this scenario alone: a copy of the seeded embedded store, or a new PostgreSQL database.
 * why: the large import must not stay in the store the inbound scenario measures — another council's
 * 10,000 actions slow down this council's turns, which would make the figures depend on the order of scenarios.
 */
async function storeOfItsOwn(kind: StoreKind): Promise<Store> {
  if (kind === 'postgres') {
    const store = openPostgres(await createBenchDatabase(), 4);
    await migrateToLatest(store.db);
    return store;
  }
  const seeded = await seededStore(kind);
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-import-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(seeded.env.DATA_DIR!, join(dir, 'data'), { recursive: true });
  return openStore({ dataDir: join(dir, 'data') });
}

function row(metric: string, ms: number, target?: string, limit?: number): BenchRow {
  return {
    scenario: NAME,
    metric,
    value: Math.round(ms),
    unit: 'ms',
    ...(target && limit ? { target, ok: ms < limit } : {}),
  };
}

/** Import (issues 3 and 11): the sample plan and a generated large XLSX, through the real import service. */
export const importScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 120, quick: 60 },
  async run({ quick }) {
    const actions = quick ? 500 : 10_000;
    const large = { name: `generated-${actions}.xlsx`, content: await generatePlanXlsx(actions), actions };
    const rows: BenchRow[] = [];
    for (const kind of storesFor(quick)) {
      try {
        rows.push(...(await importRows(kind, large)));
      } catch (error) {
        rows.push(errorRow(NAME, error));
      }
    }
    return rows;
  },
};
