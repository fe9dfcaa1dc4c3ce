import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

const TODAY = '2025-12-02';
const worker = { aadObjectId: SAMPLE.socialWorker };

/** Everything pulse answers touch, to prove a refused submit changed nothing. */
async function footprint(store: Store, orgId: string) {
  type PulseTable =
    | 'pulse_ballots'
    | 'pulse_answers'
    | 'pulse_participants'
    | 'pulse_rounds'
    | 'pulse_tallies'
    | 'pulse_round_groups'
    | 'pulse_comments';
  const rows = async (table: PulseTable) =>
    JSON.stringify(await store.db.selectFrom(table).selectAll().execute());
  const outbox = await store.db
    .selectFrom('outbox')
    .select(['idempotency_key', 'state'])
    .where('org_id', '=', orgId)
    .orderBy('idempotency_key')
    .execute();
  return {
    ballots: await rows('pulse_ballots'),
    answers: await rows('pulse_answers'),
    participants: await rows('pulse_participants'),
    rounds: await rows('pulse_rounds'),
    // why: a closed round's results live here; a late answer must not reach them either.
    tallies: await rows('pulse_tallies'),
    groups: await rows('pulse_round_groups'),
    comments: await rows('pulse_comments'),
    outbox: JSON.stringify(outbox),
  };
}

describeStores('pulse answers: bad input gets a clear answer and changes nothing', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  let roundId: string;
  /** An open round of another organisation: a well-formed id this person's card could be tampered to. */
  let otherOrgRoundId: string;
  let valid: Record<string, string>;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    const clock = new ManualClock(new Date('2025-12-02T10:00:00Z'));
    bot = botHarness(testApp(store, orgId, { clock }), orgId);
    const round = await openRound(
      store.db,
      orgId,
      { actor: 'test' },
      { today: '2025-12-01', openDays: 10, minGroup: 5 },
      new Date('2025-12-01T09:00:00Z'),
    );
    roundId = round.id;
    const other = await socialWorkerOrg(store, { A: 5 });
    otherOrgRoundId = (
      await openRound(
        store.db,
        other.orgId,
        { actor: 'test' },
        { today: '2025-12-01', openDays: 10, minGroup: 5 },
        new Date('2025-12-01T09:00:00Z'),
      )
    ).id;
    const statements = await roundStatements(store.db, roundId);
    valid = Object.fromEntries(statements.map((s) => [`s-${s.id}`, '4']));
    const first = await bot.execute('pulse.submit', { roundId, ...valid, comment: 'first' }, worker);
    expect(cardText(first.invokeResponse?.body.value)).toContain('Thank you.');
  });

  const cases: [string, () => Record<string, unknown>, { aadObjectId: string }, string][] = [
    [
      'a second submit of the same answers',
      () => ({ roundId, ...valid, comment: 'first' }),
      worker,
      'Nothing was changed.',
    ],
    [
      'a value outside 1–5',
      () => ({ roundId, ...valid, [Object.keys(valid)[0]!]: '6' }),
      worker,
      'Each answer must be one of',
    ],
    [
      'a value of 0',
      () => ({ roundId, ...valid, [Object.keys(valid)[0]!]: '0' }),
      worker,
      'Each answer must be one of',
    ],
    [
      'a 10,000-character comment',
      () => ({ roundId, ...valid, comment: 'x'.repeat(10_000) }),
      worker,
      'comments can be up to 1,000 characters',
    ],
    [
      'a tampered round id',
      () => ({ ...valid, roundId: `${roundId.slice(0, -1)}x` }),
      worker,
      'does not belong to a Health Check round',
    ],
    [
      "a round id tampered to another organisation's open round",
      () => ({ ...valid, roundId: otherOrgRoundId }),
      worker,
      'This Health Check could not be found',
    ],
    [
      'an unknown round',
      () => ({ ...valid, roundId: '0f0e0d0c-0b0a-4908-8706-050403020100' }),
      worker,
      'This Health Check could not be found',
    ],
    [
      'someone outside the audience',
      () => ({ roundId, ...valid }),
      { aadObjectId: SAMPLE.lead },
      'This Health Check was not sent to you',
    ],
    [
      'someone not on the roster',
      () => ({ roundId, ...valid }),
      { aadObjectId: SAMPLE.stranger },
      "I don't know you yet",
    ],
    [
      'answers missing a statement',
      () => ({ roundId, [Object.keys(valid)[0]!]: '3' }),
      worker,
      'Please answer every statement',
    ],
    [
      'a statement from another round',
      () => ({ roundId, ...valid, 's-0f0e0d0c-0b0a-4908-8706-050403020100': '3' }),
      worker,
      'Please answer every statement',
    ],
  ];

  it.each(cases)('%s', async (_name, data, sender, message) => {
    const before = await footprint(store, orgId);
    const { invokeResponse } = await bot.execute('pulse.submit', data(), sender);
    expect(cardText(invokeResponse?.body.value)).toContain(message);
    expect(await footprint(store, orgId)).toEqual(before);
  });

  it('refuses values outside 1–5 in the service itself too', async () => {
    const person = await store.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', orgId)
      .where('aad_object_id', '=', SAMPLE.owner)
      .executeTakeFirstOrThrow();
    const statements = await roundStatements(store.db, roundId);
    for (const bad of [6, -1, 2.5]) {
      const answers = Object.fromEntries(statements.map((s) => [s.id, bad]));
      const outcome = await submitAnswers(
        store.db,
        orgId,
        person.id,
        { roundId, answers, comment: null },
        TODAY,
      );
      expect(outcome).toMatchObject({ kind: 'refused', reason: 'out-of-range' });
    }
  });

  describe('a closed round', () => {
    beforeAll(async () => {
      await closeRound(store.db, orgId, roundId, 'test', new Date('2025-12-13T00:05:00Z'));
    });

    it('refuses answers and says it has closed', async () => {
      const before = await footprint(store, orgId);
      const { invokeResponse } = await bot.execute(
        'pulse.submit',
        { roundId, ...valid },
        { aadObjectId: SAMPLE.owner },
      );
      expect(cardText(invokeResponse?.body.value)).toContain('This Health Check has closed');
      expect(await footprint(store, orgId)).toEqual(before);
    });

    it('refuses a close twice', async () => {
      await expect(closeRound(store.db, orgId, roundId, 'test', new Date())).rejects.toThrow(
        'already closed',
      );
    });
  });
});
