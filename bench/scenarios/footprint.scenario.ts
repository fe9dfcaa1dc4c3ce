import type { BenchRow, BenchScenario } from '../bench.types.js';
import { seededStore, startEchoBot, startPracticePulse } from '../support/practice-pulse.js';
import { errorRow } from '../support/run-scenarios.js';
import { type StoreKind, storesFor } from '../support/stores.js';
import { rssAfterFanout } from './footprint.fanout.js';

const NAME = 'footprint';
const RSS_LIMIT_MB: Record<StoreKind, number> = { pglite: 350, postgres: 150 };
const label = (kind: StoreKind) => (kind === 'pglite' ? 'embedded' : 'PostgreSQL');
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rssRow = (metric: string, rss: number, kind: StoreKind): BenchRow => ({
  scenario: NAME,
  metric,
  value: Math.round(rss),
  unit: 'MB',
  target: `< ${RSS_LIMIT_MB[kind]} MB`,
  ok: rss < RSS_LIMIT_MB[kind],
});

async function storeRows(kind: StoreKind, idleMs: number, fanout: number): Promise<BenchRow[]> {
  const store = await seededStore(kind);
  const bot = await startPracticePulse(store.env);
  try {
    await settle(idleMs);
    const rss = bot.rssMb();
    const url = store.env.DATABASE_URL;
    const afterFanout = url
      ? [
          rssRow(
            `RSS after a ${fanout}-message fan-out, ${label(kind)}`,
            await rssAfterFanout(bot, url, fanout),
            kind,
          ),
        ]
      : [];
    return [
      {
        scenario: NAME,
        metric: `first \`npm start\` to healthy (empty store, sample import), ${label(kind)}`,
        value: Math.round(store.firstStartMs),
        unit: 'ms',
      },
      {
        scenario: NAME,
        metric: `start to healthy, existing store, production build, ${label(kind)}`,
        value: Math.round(bot.readyMs),
        unit: 'ms',
        target: '< 3 s',
        ok: bot.readyMs < 3000,
      },
      rssRow(`idle RSS, production build, ${label(kind)}`, rss, kind),
      ...afterFanout,
    ];
  } finally {
    await bot.stop();
  }
}

/**
 * Footprint (issues 3 and 11): how long practice-pulse takes to answer /api/health on a store that already
 * holds the sample plan, its resident memory once idle and (on PostgreSQL) after its delivery worker sent a
 * fan-out; the bare echo bot's RSS for reference (full runs).
 */
export const footprintScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 120, quick: 60 },
  async run({ quick }) {
    const idleMs = quick ? 200 : 2_000;
    const rows: BenchRow[] = [];
    for (const kind of storesFor(quick)) {
      try {
        rows.push(...(await storeRows(kind, idleMs, quick ? 50 : 500)));
      } catch (error) {
        rows.push(errorRow(NAME, error));
      }
    }
    if (quick) return rows;
    const echo = await startEchoBot();
    await settle(idleMs);
    rows.push({
      scenario: NAME,
      metric: 'idle RSS, echo bot (reference)',
      value: Math.round(echo.rssMb()),
      unit: 'MB',
    });
    await echo.stop();
    return rows;
  },
};
