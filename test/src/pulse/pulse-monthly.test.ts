import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app-context.js';
import { runCli } from '../../../src/cli/run-cli.js';
import type { Store } from '../../../src/db/connect.js';
import { pulseCliCommands } from '../../../src/pulse/pulse.cli.js';
import { pulseCloseJob } from '../../../src/pulse/pulse.jobs.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { type OpenRequest, openRound } from '../../../src/pulse/round.service.js';
import { openDueSeriesRounds, pulseSeriesJob } from '../../../src/pulse/series.job.js';
import { roundLength, seriesOpensOn } from '../../../src/pulse/series.service.js';
import { retireStatement, rewordStatement } from '../../../src/pulse/statement.repository.js';
import { jobs } from '../../../src/scheduler/jobs.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp, testConfig } from '../../support/test-app.js';

/** London is on GMT in winter: REMINDER_TIME 09:30 is 09:30Z. */
const at = (day: string, time = '09:31') => new Date(`${day}T${time}:00Z`);

describe('monthly series dates', () => {
  it.each([
    ['2025-12-01', 1, '2026-01-02', 'New Year’s Day (a bank holiday) moves to Friday'],
    ['2025-12-01', 2, '2026-02-02', '1 February 2026 is a Sunday'],
    ['2025-11-25', 1, '2025-12-29', 'Christmas Day and Boxing Day, then the weekend'],
    ['2026-07-31', 1, '2026-09-01', '31 August 2026 is the Summer bank holiday'],
    ['2026-01-30', 1, '2026-03-02', 'February is shorter: its last day, a Saturday, moves to Monday'],
    [
      '2026-01-31',
      2,
      '2026-03-31',
      'months count from the first round, so a short month does not shift later ones',
    ],
    ['2026-03-16', 1, '2026-04-16', 'an ordinary working day stays'],
  ])('%s + %i month(s) opens %s (%s)', (anchor, months, expected) => {
    expect(seriesOpensOn(anchor, months)).toBe(expected);
  });

  it('runs on working days at REMINDER_TIME, and is registered with the scheduler', () => {
    const app = { config: testConfig({ REMINDER_TIME: '08:45' }) } as AppContext;
    expect(pulseSeriesJob.cron(app)).toBe('45 8 * * 1-5');
    expect(jobs).toContain(pulseSeriesJob);
  });

  it.each([
    ['2025-12-01', '2025-12-12', 10],
    ['2025-12-22', '2026-01-07', 10],
    ['2025-12-06', '2025-12-06', 1],
  ])('a round from %s to %s takes answers on %i working days', (opens, closes, n) => {
    expect(roundLength(opens, closes)).toBe(n);
  });
});

describeStores('monthly Health Check rounds', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  const settings = { today: '2025-12-01', openDays: 10, minGroup: 5 };
  const rounds = (orgId: string) =>
    store.db
      .selectFrom('pulse_rounds')
      .select(['id', 'state', 'opens_on', 'closes_on', 'audience_team', 'audience_size', 'series_id'])
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      // why: rounds opened on one clock tick tie on created_at; only one is live at a time, so closed ones came first.
      .orderBy(sql`closed_at is null`)
      .execute();
  const seriesOf = (orgId: string) =>
    store.db
      .selectFrom('pulse_series')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .execute();
  const pulseCards = async (roundId: string) =>
    (
      await store.db
        .selectFrom('outbox')
        .select('idempotency_key')
        .where('kind', '=', 'pulse')
        .where('idempotency_key', 'like', `pulse:${roundId}:%`)
        .execute()
    ).length;
  const open = (orgId: string, request: Omit<OpenRequest, 'actor'> = {}) =>
    openRound(
      store.db,
      orgId,
      { actor: 'Programme Office', ...request },
      settings,
      at('2025-12-01', '09:00'),
    );
  // why: the job serves every organisation in the store; tests sharing it must not open each other's rounds.
  const runSeries = (orgId: string, when: Date) => openDueSeriesRounds(testApp(store, orgId), when, [orgId]);

  it('opens the next round a month later on a working day, with the same statements, audience and length', async () => {
    const { orgId } = await socialWorkerOrg(store, { A: 3, B: 4 });
    const first = await open(orgId, {
      team: 'B',
      statements: ['vision', 'practice-model', 'signs-of-safety'],
    });
    expect(first.series).toMatchObject({
      statement_codes: ['vision', 'practice-model', 'signs-of-safety'],
      audience_team: 'B',
      open_days: 10,
      anchor_on: '2025-12-01',
      next_opens_on: '2026-01-02',
    });
    await pulseCloseJob.run(testApp(store, orgId), at('2025-12-13', '00:05'));
    // A reworded statement is asked in its new wording; a retired one no more.
    const reworded = await rewordStatement(
      store.db,
      orgId,
      { code: 'vision', text: 'I understand where Children’s Integrated Services is heading.' },
      'test',
      at('2025-12-15'),
    );
    await retireStatement(store.db, orgId, 'signs-of-safety', 'test', at('2025-12-15'));

    await runSeries(orgId, at('2026-01-01')); // New Year's Day
    await runSeries(orgId, at('2026-01-02', '09:00')); // before REMINDER_TIME
    expect(await rounds(orgId)).toHaveLength(1);
    await runSeries(orgId, at('2026-01-02'));
    await runSeries(orgId, at('2026-01-02', '15:00'));

    const all = await rounds(orgId);
    expect(all).toHaveLength(2);
    const second = all[1]!;
    expect(second).toMatchObject({
      state: 'open',
      opens_on: '2026-01-02',
      closes_on: '2026-01-15',
      audience_team: 'B',
      audience_size: 4,
      series_id: first.series!.id,
    });
    const asked = await roundStatements(store.db, second.id);
    expect(asked.map((s) => [s.code, s.id, s.text])).toEqual([
      ['vision', reworded.id, reworded.text],
      ['practice-model', expect.any(String), 'I am fully aware of the Practice Model.'],
    ]);
    expect(await pulseCards(second.id)).toBe(4);
    expect((await seriesOf(orgId))[0]).toMatchObject({ months: 1, next_opens_on: '2026-02-02' });
  });

  it('a one-off round (once) starts no series, and nothing opens a month later', async () => {
    const { orgId } = await socialWorkerOrg(store, { A: 5 });
    const round = await open(orgId, { once: true });
    expect(round.series).toBeUndefined();
    expect(await seriesOf(orgId)).toEqual([]);
    await runSeries(orgId, at('2026-01-02'));
    await runSeries(orgId, at('2026-02-02'));
    expect(await rounds(orgId)).toHaveLength(1);
  });

  it('two copies of the scheduler running at once open one round', async () => {
    const { orgId } = await socialWorkerOrg(store, { A: 6 });
    await open(orgId);
    await pulseCloseJob.run(testApp(store, orgId), at('2025-12-13', '00:05'));
    const copies = [0, 1, 2].map(() => testApp(store, orgId, { clock: new ManualClock(at('2026-01-02')) }));
    await Promise.all(copies.map((app) => openDueSeriesRounds(app, at('2026-01-02'), [orgId])));
    const all = await rounds(orgId);
    expect(all).toHaveLength(2);
    expect(await pulseCards(all[1]!.id)).toBe(6);
  });

  it('after a restart that missed two months, opens one round, then resumes its dates', async () => {
    const { orgId } = await socialWorkerOrg(store, { A: 5 });
    await open(orgId);
    // Down from 1 December to 10 March: the January and February (and March) rounds were missed, and the
    // December round was never closed by the close job.
    await runSeries(orgId, at('2026-03-10'));
    await runSeries(orgId, at('2026-03-10', '10:00'));
    await runSeries(orgId, at('2026-03-11'));
    const all = await rounds(orgId);
    expect(all.map((r) => [r.state, r.opens_on, r.closes_on])).toEqual([
      ['closed', '2025-12-01', '2025-12-12'],
      ['open', '2026-03-10', '2026-03-23'],
    ]);
    expect((await seriesOf(orgId))[0]).toMatchObject({ months: 3, next_opens_on: '2026-04-01' });
  });

  it('waits while another round is in flight, and opens the working day after that one has closed', async () => {
    const { orgId } = await socialWorkerOrg(store, { A: 5 });
    await open(orgId);
    await pulseCloseJob.run(testApp(store, orgId), at('2025-12-13', '00:05'));
    // An admin's one-off round, still open on the series' day (2 January).
    await openRound(
      store.db,
      orgId,
      { actor: 'Programme Office', once: true, closesOn: '2026-01-09' },
      { ...settings, today: '2025-12-29' },
      at('2025-12-29'),
    );
    await runSeries(orgId, at('2026-01-02'));
    await runSeries(orgId, at('2026-01-09'));
    expect(await rounds(orgId)).toHaveLength(2);
    await runSeries(orgId, at('2026-01-12'));
    const all = await rounds(orgId);
    expect(all.map((r) => [r.state, r.opens_on, r.closes_on])).toEqual([
      ['closed', '2025-12-01', '2025-12-12'],
      ['closed', '2025-12-29', '2026-01-09'],
      ['open', '2026-01-12', '2026-01-23'],
    ]);
    expect((await seriesOf(orgId))[0]).toMatchObject({ months: 1, next_opens_on: '2026-02-02' });
  });

  it('skips a month it cannot open (every statement retired), says why in the audit log, and changes nothing else', async () => {
    const { orgId } = await socialWorkerOrg(store, { A: 5 });
    const first = await open(orgId, { statements: ['vision'] });
    await pulseCloseJob.run(testApp(store, orgId), at('2025-12-13', '00:05'));
    await retireStatement(store.db, orgId, 'vision', 'test', at('2025-12-15'));
    await runSeries(orgId, at('2026-01-02'));
    expect(await rounds(orgId)).toHaveLength(1);
    expect((await seriesOf(orgId))[0]).toMatchObject({ stopped_at: null, next_opens_on: '2026-02-02' });
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['change', 'after'])
      .where('org_id', '=', orgId)
      .where('entity', '=', 'pulse_series')
      .where('entity_id', '=', first.series!.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.change)).toEqual(['start', 'skip']);
    expect(JSON.stringify(audit[1]!.after)).toContain('every statement the series asks has been retired');
  });

  describe('on the command line', () => {
    const cli = async (orgId: string, words: string[], day = '2025-12-01') => {
      const app = testApp(store, orgId, { clock: new ManualClock(at(day, '09:00')) });
      const lines: string[] = [];
      const code = await runCli(pulseCliCommands, words, { app, orgId, out: (l) => lines.push(l) });
      return { code, out: lines.join('\n') };
    };

    it('opens a monthly series by default, --once a one-off, and pulse stop ends it', async () => {
      const { orgId } = await socialWorkerOrg(store, { A: 5 });
      expect(await cli(orgId, ['pulse', 'stop'])).toEqual({
        code: 2,
        out: 'No monthly Health Check series is running, so there is nothing to stop.',
      });
      expect((await cli(orgId, ['pulse', 'open', '--onse'])).out).toMatch(/^usage: pulse open \[--once\]/);
      expect((await cli(orgId, ['pulse', 'open', '--once', 'yes'])).out).toMatch(/^usage: pulse open/);
      expect(await rounds(orgId)).toEqual([]);

      const once = await cli(orgId, ['pulse', 'open', '--once']);
      expect(once.out).toContain('A one-off round: no monthly series.');
      expect(await seriesOf(orgId)).toEqual([]);
      await cli(orgId, ['pulse', 'close']);

      const monthly = await cli(orgId, ['pulse', 'open']);
      const [series] = await seriesOf(orgId);
      expect(monthly.out).toContain(
        `Monthly series ${series!.id}: the next round opens Fri 2 Jan (pulse stop ends it).`,
      );
      expect((await cli(orgId, ['pulse', 'status'])).out).toContain('the next round opens Fri 2 Jan.');
      expect((await cli(orgId, ['pulse', 'stop'])).out).toBe(
        `Monthly series ${series!.id} stopped: no more rounds (the next would have opened Fri 2 Jan).`,
      );
      expect((await cli(orgId, ['pulse', 'status'])).out).not.toContain('Monthly');
      expect((await rounds(orgId)).at(-1)!.state).toBe('open');
      await runSeries(orgId, at('2026-01-02'));
      expect(await rounds(orgId)).toHaveLength(2);
    });
  });
});
