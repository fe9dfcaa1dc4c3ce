import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { nudgeNumberOn } from '../../../src/pulse/nudge.service.js';
import { pulseCloseJob, pulseNudgeJob, pulseOpenJob } from '../../../src/pulse/pulse.jobs.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { type SimPerson, socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

const at = (day: string) => new Date(`${day}T09:30:00Z`);

describe('nudgeNumberOn', () => {
  const round = { opens_on: '2025-12-01', closes_on: '2025-12-12' };
  const settings = { timeZone: 'Europe/London', afterDays: 3, maxNudges: 2, minGroup: 5 };
  it.each([
    ['2025-12-03', 0],
    ['2025-12-04', 1],
    ['2025-12-06', 0], // Saturday
    ['2025-12-09', 2],
    ['2025-12-12', 2],
    ['2025-12-15', 0], // after the close day
  ])('on %s the due nudge is %i', (day, n) => {
    expect(nudgeNumberOn(round, day, settings)).toBe(n);
  });
});

describeStores('pulse jobs', (kind) => {
  let store: Store;

  beforeAll(async () => {
    store = await testStore(kind);
  });

  describe('nudges', () => {
    let orgId: string;
    let people: SimPerson[];
    let roundId: string;
    let clock: ManualClock;
    let app: ReturnType<typeof testApp>;
    const nudges = async () =>
      (
        await store.db
          .selectFrom('outbox')
          .select(['person_id', 'idempotency_key'])
          .where('org_id', '=', orgId)
          .where('kind', '=', 'nudge')
          .orderBy('idempotency_key')
          .execute()
      ).map((r) => r.idempotency_key.split(':').slice(2).join(':'));
    const answer = async (person: SimPerson, day: string) => {
      const statements = await roundStatements(store.db, roundId);
      const answers = Object.fromEntries(statements.map((s) => [s.id, 3]));
      await submitAnswers(store.db, orgId, person.id, { roundId, answers, comment: null }, day);
    };

    beforeAll(async () => {
      ({ orgId, people } = await socialWorkerOrg(store, { A: 6 }));
      people.sort((a, b) => a.id.localeCompare(b.id));
      clock = new ManualClock(at('2025-12-01'));
      app = testApp(store, orgId, { clock });
      const round = await openRound(
        store.db,
        orgId,
        { actor: 'test' },
        { today: '2025-12-01', openDays: 10, minGroup: 5 },
        clock.now(),
      );
      roundId = round.id;
      await answer(people[0]!, '2025-12-02');
      await answer(people[1]!, '2025-12-02');
    });

    const runOn = async (day: string) => {
      clock.set(at(day));
      await pulseNudgeJob.run(app, clock.now());
    };

    it('sends none before PULSE_NUDGE_AFTER_DAYS working days', async () => {
      await runOn('2025-12-03');
      expect(await nudges()).toEqual([]);
    });

    it('nudges only those who have not answered, once, however often the job runs', async () => {
      await runOn('2025-12-04');
      await runOn('2025-12-04');
      expect(await nudges()).toEqual(people.slice(2).map((p) => `${p.id}:1`));
    });

    it('withdraws a queued nudge when the person answers before it is sent', async () => {
      await answer(people[2]!, '2025-12-04');
      expect(await nudges()).toEqual(people.slice(3).map((p) => `${p.id}:1`));
    });

    it('sends nothing at the weekend, a second nudge later, and never a third', async () => {
      await runOn('2025-12-06');
      await runOn('2025-12-09');
      await runOn('2025-12-12');
      const expected = people.slice(3).flatMap((p) => [`${p.id}:1`, `${p.id}:2`]);
      expect(await nudges()).toEqual(expected.sort());
    });

    it('closes the round after its last day, and nudges no more', async () => {
      clock.set(new Date('2025-12-13T00:05:00Z'));
      await pulseCloseJob.run(app, clock.now());
      const round = await store.db
        .selectFrom('pulse_rounds')
        .select(['state', 'respondents'])
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow();
      expect(round).toEqual({ state: 'closed', respondents: 3 });
      await runOn('2025-12-15');
      expect(await nudges()).toHaveLength(6);
    });
  });

  describe('a scheduled round', () => {
    it('waits until its day, then the open job sends the cards', async () => {
      const { orgId } = await socialWorkerOrg(store, { A: 3, B: 4 });
      const clock = new ManualClock(at('2025-12-01'));
      const app = testApp(store, orgId, { clock });
      const round = await openRound(
        store.db,
        orgId,
        { actor: 'test', opensOn: '2025-12-03', team: 'b' },
        { today: '2025-12-01', openDays: 10, minGroup: 5 },
        clock.now(),
      );
      expect(round).toMatchObject({ state: 'scheduled', audience_size: 4, closes_on: '2025-12-16' });
      const cards = () => store.db.selectFrom('outbox').select('kind').where('org_id', '=', orgId).execute();
      await pulseOpenJob.run(app, at('2025-12-02'));
      expect(await cards()).toHaveLength(0);
      await pulseOpenJob.run(app, at('2025-12-03'));
      await pulseOpenJob.run(app, at('2025-12-03'));
      expect(await cards()).toHaveLength(4);
    });
  });
});
