import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { roundComments } from '../../../src/pulse/pulse-comments.repository.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { type SimPerson, socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

/** Everyone answers, each with a comment naming their own team, and the round closes. */
async function closedRoundWithComments(store: Store, orgId: string, people: SimPerson[]) {
  const round = await openRound(
    store.db,
    orgId,
    { actor: 'test' },
    { today: '2025-12-01', openDays: 10, minGroup: 5 },
    new Date('2025-12-01T09:00:00Z'),
  );
  const statements = await roundStatements(store.db, round.id);
  for (const p of people) {
    const answers = Object.fromEntries(statements.map((s) => [s.id, 4]));
    const comment = `a remark from team ${p.team}`;
    await submitAnswers(store.db, orgId, p.id, { roundId: round.id, answers, comment }, '2025-12-02');
  }
  await closeRound(store.db, orgId, round.id, 'test', new Date('2025-12-13T00:05:00Z'));
  return round.id;
}

const tally = (comments: { text: string; team: string | null }[]) =>
  comments.reduce<Record<string, number>>((acc, c) => {
    const key = `${c.text} | ${c.team ?? 'no team'}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

describeStores('pulse comments shown after close', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('name a team only where its figures are shown: not a team of 4, nor the team hidden so it cannot be worked out', async () => {
    const { orgId, people } = await socialWorkerOrg(store, { A: 8, B: 6, C: 4 });
    const roundId = await closedRoundWithComments(store, orgId, people);
    expect(tally(await roundComments(store.db, orgId, roundId, 5))).toEqual({
      'a remark from team A | A': 8,
      'a remark from team B | no team': 6,
      'a remark from team C | no team': 4,
    });
  });

  it('name every team when every team reaches the threshold', async () => {
    const { orgId, people } = await socialWorkerOrg(store, { A: 6, B: 5 });
    const roundId = await closedRoundWithComments(store, orgId, people);
    expect(tally(await roundComments(store.db, orgId, roundId, 5))).toEqual({
      'a remark from team A | A': 6,
      'a remark from team B | B': 5,
    });
  });
});
