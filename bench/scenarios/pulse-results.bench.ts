import { localDate } from '../../src/calendar/iso-date.js';
import { openPostgres } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { latestResults, resultsByRound } from '../../src/pulse/pulse-results.service.js';
import { openRound } from '../../src/pulse/round.service.js';
import { closeRound } from '../../src/pulse/round-close.service.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { createBenchDatabase } from '../support/stores.js';
import { answerInBulk, seedPulseOrg } from './pulse-seed.js';

const NAME = 'pulse-results';
const TARGET_MS = 500;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

async function medianOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(work)).ms);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

const row = (metric: string, ms: number, target?: number): BenchRow => ({
  scenario: NAME,
  metric,
  value: Math.round(ms),
  unit: 'ms',
  ...(target ? { target: `< ${target} ms`, ok: ms < target } : {}),
});

/**
 * Health Check (issue 6) on PostgreSQL: a round of 5,000 social workers × 7 statements opened (cards queued),
 * answered (bulk), closed for real (tallies, comments shuffled, links destroyed), then the results and the
 * series over 24 rounds computed as the bot, digest and tab ask for them.
 */
export const pulseResultsScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 150, quick: 40 },
  async run({ quick }) {
    const size = quick
      ? { people: 500, teams: 10, history: 3, answering: 0.7 }
      : { people: 5_000, teams: 50, history: 23, answering: 0.7 };
    const store = openPostgres(await createBenchDatabase(), 4);
    try {
      await migrateToLatest(store.db);
      const orgId = 'bench-pulse';
      const now = new Date();
      await seedPulseOrg(store.db, orgId, size, now);
      const settings = { today: localDate(now, 'Europe/London'), openDays: 10, minGroup: 5 };
      const opened = await timed(() => openRound(store.db, orgId, { actor: 'bench' }, settings, now));
      const answered = await answerInBulk(store.db, opened.result.id, size.answering);
      const closed = await timed(() => closeRound(store.db, orgId, opened.result.id, 'bench', now));
      const latest = await latestResults(store.db, orgId, 5);
      const series = await resultsByRound(store.db, orgId, 5);
      if (!latest || series.length !== size.history + 1) throw new Error('pulse results missing');
      const who = `${size.people.toLocaleString('en-GB')} people × 7 statements`;
      return [
        row(`open a round: ${who}, ${size.people.toLocaleString('en-GB')} cards queued`, opened.ms),
        row(`close a round: ${answered.toLocaleString('en-GB')} ballots tallied, links destroyed`, closed.ms),
        row(
          `latest results (${who}, ${size.teams} teams), median of 5`,
          await medianOf(5, () => latestResults(store.db, orgId, 5)),
          TARGET_MS,
        ),
        row(
          `series over ${series.length} rounds, median of 5`,
          await medianOf(5, () => resultsByRound(store.db, orgId, 5)),
          TARGET_MS,
        ),
      ];
    } finally {
      await store.close();
    }
  },
};
