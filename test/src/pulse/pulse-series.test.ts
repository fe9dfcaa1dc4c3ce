import { beforeAll, describe, expect, it } from 'vitest';
import { buildPulseResultsCard } from '../../../cards/pulse-results.card.js';
import type { Store } from '../../../src/db/connect.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { roundComments } from '../../../src/pulse/pulse-comments.repository.js';
import { latestResults, resultsByRound } from '../../../src/pulse/pulse-results.service.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { listLiveStatements, rewordStatement } from '../../../src/pulse/statement.repository.js';
import { cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const settings = (today: string) => ({ today, openDays: 10, minGroup: 5 });

/** Opens a round on `day`, has the first `n` social workers answer `value` to every statement, and closes it. */
async function runRound(
  store: Store,
  orgId: string,
  day: string,
  n: number,
  value: (i: number) => number,
  comment?: string,
) {
  const round = await openRound(
    store.db,
    orgId,
    { actor: 'test' },
    settings(day),
    new Date(`${day}T09:00:00Z`),
  );
  const statements = await roundStatements(store.db, round.id);
  const people = await store.db
    .selectFrom('pulse_participants')
    .select('person_id')
    .where('round_id', '=', round.id)
    .orderBy('person_id')
    .execute();
  for (const [i, p] of people.slice(0, n).entries()) {
    const answers = Object.fromEntries(statements.map((s) => [s.id, value(i)]));
    await submitAnswers(
      store.db,
      orgId,
      p.person_id,
      { roundId: round.id, answers, comment: comment ?? null },
      day,
    );
  }
  return closeRound(store.db, orgId, round.id, 'test', new Date(`${day}T18:00:00Z`));
}

describeStores('pulse results over rounds', (kind) => {
  let store: Store;

  beforeAll(async () => {
    store = await testStore(kind);
  });

  describe('a group of 4', () => {
    let orgId: string;
    beforeAll(async () => {
      orgId = await sampleOrg(store);
      await runRound(store, orgId, '2025-10-01', 4, () => 5, 'we need more time');
    });

    it('shows no figure in results, the series, comments or the card', async () => {
      const latest = await latestResults(store.db, orgId, 5);
      expect(latest?.round).toMatchObject({ suppressed: true, respondents: null, responseRate: null });
      expect(
        latest?.statements.every(
          (s) => s.percentAgree === null && s.views === null && s.distribution === null,
        ),
      ).toBe(true);
      expect(latest?.teams).toEqual([]);
      const series = await resultsByRound(store.db, orgId, 5);
      expect(series.flatMap((r) => r.statements.map((s) => s.percentAgree))).toEqual(Array(7).fill(null));
      expect(await roundComments(store.db, orgId, latest!.round.id, 5)).toEqual([]);
      const text = cardText(
        buildPulseResultsCard({ results: latest, minGroup: 5, showTeams: true, comments: [] }),
      );
      expect(text).toContain('Fewer than 5 people answered, so no figures are shown.');
      expect(text).not.toMatch(/\d+%|\b4\b/);
    });

    it('uses the configured threshold: the same 4 are shown when PULSE_MIN_GROUP is 4', async () => {
      const latest = await latestResults(store.db, orgId, 4);
      expect(latest?.round).toMatchObject({ suppressed: false, respondents: 4 });
      expect(latest?.statements[0]?.percentAgree).toBe(100);
    });
  });

  describe('three rounds and a reworded statement', () => {
    let orgId: string;
    beforeAll(async () => {
      orgId = await sampleOrg(store);
      await runRound(store, orgId, '2025-10-01', 10, (i) => (i < 5 ? 4 : 2));
      await runRound(store, orgId, '2025-11-03', 10, (i) => (i < 7 ? 5 : 1));
      const supervision = (await listLiveStatements(store.db, orgId)).find(
        (s) => s.code === 'regular-supervision',
      );
      await rewordStatement(
        store.db,
        orgId,
        { code: supervision!.code, text: 'I have supervision at least monthly.' },
        'test',
        new Date('2025-11-20T09:00:00Z'),
      );
      await runRound(store, orgId, '2025-12-01', 10, (i) => (i < 6 ? 4 : 3));
    });

    it('gives the change since the previous round, per statement, in percentage points', async () => {
      const series = await resultsByRound(store.db, orgId, 5);
      expect(series.map((r) => r.round.name)).toEqual(['October 2025', 'November 2025', 'December 2025']);
      expect(series.map((r) => r.statements[0]?.percentAgree)).toEqual([50, 70, 60]);
      expect(series.map((r) => r.statements[0]?.change)).toEqual([null, 20, -10]);
      expect(series[2]?.previous?.name).toBe('November 2025');
    });

    it('starts a new series when a statement is reworded, still feeding the same plan measure', async () => {
      const latest = await latestResults(store.db, orgId, 5);
      const reworded = latest?.statements.find((s) => s.code === 'regular-supervision');
      expect(reworded).toMatchObject({
        text: 'I have supervision at least monthly.',
        percentAgree: 60,
        change: null,
      });
      expect(reworded?.measures.map((m) => m.actionRef)).toEqual(['6a']);
      const unchanged = latest?.statements.find((s) => s.code === 'vision');
      expect(unchanged).toMatchObject({ percentAgree: 60, change: -10 });
      expect(unchanged?.measures.map((m) => m.actionRef)).toEqual(['3a']);
    });
  });
});
