import { buildDigestCard } from '../../cards/digest.card.js';
import { openPostgres } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { composeDigest } from '../../src/digest/digest.service.js';
import { buildPlanExport } from '../../src/digest/plan-export.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { createBenchDatabase } from '../support/stores.js';
import { seedDigestOrg } from './digest-seed.js';

const NAME = 'digest';
const TZ = 'Europe/London';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The weekly digest (issue 7) for a large council on PostgreSQL: every figure, list and Health Check result
 * counted from the store and the card built, as the Monday job does per channel; plus the XLSX export.
 */
export const digestScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 150, quick: 40 },
  async run({ quick }) {
    const size = quick
      ? { actions: 1_000, updatesPerAction: 20, rounds: 4, people: 500 }
      : { actions: 10_000, updatesPerAction: 20, rounds: 24, people: 5_000 };
    const store = openPostgres(await createBenchDatabase(), 4);
    try {
      await migrateToLatest(store.db);
      const now = new Date();
      const orgId = 'bench-digest';
      const seeding = await timed(() => seedDigestOrg(store.db, orgId, now, size));
      const options = { now, timeZone: TZ, minGroup: 5 };
      await composeDigest(store.db, orgId, options);
      const runs: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 5; i++) {
        const run = await timed(async () =>
          buildDigestCard(await composeDigest(store.db, orgId, options), 5),
        );
        runs.push(run.ms);
        bytes = Buffer.byteLength(JSON.stringify(run.result));
      }
      const xlsx = await timed(() =>
        buildPlanExport(store.db, orgId, { format: 'xlsx' }, now, { timeZone: TZ, minGroup: 5 }),
      );
      const label = `${size.actions.toLocaleString('en-GB')} actions, ${(size.actions * size.updatesPerAction).toLocaleString('en-GB')} updates, ${size.rounds} rounds of ${size.people.toLocaleString('en-GB')}`;
      const rows: BenchRow[] = [
        { scenario: NAME, metric: `seed (bulk SQL): ${label}`, value: Math.round(seeding.ms), unit: 'ms' },
        {
          scenario: NAME,
          metric: 'digest computed and card built, median of 5, PostgreSQL',
          value: Math.round(median(runs)),
          unit: 'ms',
          target: '< 1000 ms',
          ok: median(runs) < 1000,
        },
        {
          scenario: NAME,
          metric: 'digest, slowest of 5, PostgreSQL',
          value: Math.round(Math.max(...runs)),
          unit: 'ms',
        },
        {
          scenario: NAME,
          metric: 'digest card size',
          value: bytes,
          unit: 'bytes',
          target: '< 28672',
          ok: bytes < 28 * 1024,
        },
        {
          scenario: NAME,
          metric: 'XLSX export (4 sheets), PostgreSQL',
          value: Math.round(xlsx.ms),
          unit: 'ms',
        },
      ];
      return rows;
    } finally {
      await store.close();
    }
  },
};
