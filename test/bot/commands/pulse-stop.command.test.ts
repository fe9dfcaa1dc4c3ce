import { beforeAll, describe, expect, it } from 'vitest';
import { parseOpenOptions } from '../../../bot/commands/pulse-open.command.js';
import { buildPulseStatusCard, PULSE_SERIES_STOP_VERB } from '../../../cards/pulse-status.card.js';
import type { Store } from '../../../src/db/connect.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { openDueSeriesRounds } from '../../../src/pulse/series.job.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { validateCard } from '../../support/card-validation.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describe('pulse open once', () => {
  it.each([
    ['once', { once: true }],
    ['ONCE until 2026-12-12 team CiN Team 1', { once: true, closesOn: '2026-12-12', team: 'CiN Team 1' }],
    ['team Once Upon a Team', { team: 'Once Upon a Team' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseOpenOptions(text)).toEqual(expected);
  });
});

describe('status card with a monthly series', () => {
  const series = {
    seriesId: '4b8c1f2e-0a8e-4c1b-9a51-8f5e2b7c9d10',
    nextOpensOn: '2026-02-02',
    openDays: 10,
    team: null,
    service: 'Children <in> Need',
  };

  it('says when the next round opens between rounds, with the stop button for admins only', () => {
    const card = buildPulseStatusCard(undefined, { ...series, canStop: true });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('No Health Check round is open or scheduled just now.');
    expect(cardText(card)).toContain(
      'Monthly: the next round opens Mon 2 Feb for Children ‹in› Need, for 10 working days, with the same statements.',
    );
    expect(card.actions).toHaveLength(1);
    expect(buildPulseStatusCard(undefined, { ...series, canStop: false }).actions).toBeUndefined();
    expect(cardText(buildPulseStatusCard(undefined))).not.toContain('Monthly');
  });
});

describeStores('monthly Health Check through the bot', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  let clock: ManualClock;
  const admin = { aadObjectId: SAMPLE.admin };
  const text = async (line: string, sender: { aadObjectId: string }) =>
    cardText(cardOf((await bot.say(line, sender)).replies[0]));
  const series = () =>
    store.db
      .selectFrom('pulse_series')
      .select(['id', 'stopped_at', 'stopped_by', 'next_opens_on'])
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .execute();
  const rounds = () =>
    store.db.selectFrom('pulse_rounds').select(['state', 'opens_on']).where('org_id', '=', orgId).execute();
  const seriesAudit = () =>
    store.db
      .selectFrom('audit_log')
      .select(['actor', 'change'])
      .where('org_id', '=', orgId)
      .where('entity', '=', 'pulse_series')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    clock = new ManualClock(new Date('2025-12-01T09:30:00Z'));
    bot = botHarness(testApp(store, orgId, { clock }), orgId);
  });

  it('pulse open starts a monthly series and says when the next round opens', async () => {
    const reply = await text('pulse open until 2025-12-12 team CiN Team 1', admin);
    expect(reply).toContain('5 social workers in CiN Team 1 are asked; it closes Fri 12 Dec.');
    expect(reply).toContain('It repeats monthly: the next round opens Fri 2 Jan');
    expect(await seriesAudit()).toEqual([{ actor: 'Programme Office (PIP team)', change: 'start' }]);
  });

  it('pulse status tells admins and leads when the next round opens; only admins get the stop button', async () => {
    const [running] = await series();
    const forAdmin = cardOf((await bot.say('pulse status', admin)).replies[0]);
    expect(validateCard(forAdmin)).toEqual([]);
    expect(cardText(forAdmin)).toContain(
      'Monthly: the next round opens Fri 2 Jan for CiN Team 1, for 10 working days, with the same statements.',
    );
    expect(forAdmin.actions).toEqual([
      expect.objectContaining({
        verb: PULSE_SERIES_STOP_VERB,
        data: { verb: PULSE_SERIES_STOP_VERB, seriesId: running!.id },
      }),
    ]);
    const forLead = cardOf((await bot.say('pulse status', { aadObjectId: SAMPLE.lead })).replies[0]);
    expect(cardText(forLead)).toContain('Monthly: the next round opens Fri 2 Jan');
    expect(forLead.actions).toBeUndefined();
  });

  it('refuses pulse stop, and the stop button, from anyone but an admin, changing nothing', async () => {
    const [running] = await series();
    for (const who of [SAMPLE.socialWorker, SAMPLE.lead, SAMPLE.owner]) {
      expect(await text('pulse stop', { aadObjectId: who })).toContain(
        'Only the programme office (admins) can stop the monthly Health Check. Nothing was changed.',
      );
      const { invokeResponse } = await bot.execute(
        PULSE_SERIES_STOP_VERB,
        { seriesId: running!.id },
        { aadObjectId: who },
      );
      expect(cardText(invokeResponse?.body.value)).toContain('Only the programme office (admins)');
    }
    expect(await text('pulse stop', { aadObjectId: SAMPLE.stranger })).not.toContain('stopped');
    expect((await series())[0]!.stopped_at).toBeNull();
  });

  it('refuses a tampered series id on the stop button, changing nothing', async () => {
    const other = await socialWorkerOrg(store, { A: 5 });
    const theirs = await openRound(
      store.db,
      other.orgId,
      { actor: 'them' },
      { today: '2025-12-01', openDays: 10, minGroup: 5 },
      clock.now(),
    );
    const malformed = await bot.execute(PULSE_SERIES_STOP_VERB, { seriesId: 'series-1; drop table' }, admin);
    expect(cardText(malformed.invokeResponse?.body.value)).toContain(
      'seriesId: this card does not belong to a monthly Health Check series',
    );
    const foreign = await bot.execute(PULSE_SERIES_STOP_VERB, { seriesId: theirs.series!.id }, admin);
    expect(cardText(foreign.invokeResponse?.body.value)).toContain(
      'That monthly Health Check series is not running: it has been stopped already, or is not one of yours.',
    );
    const theirSeries = await store.db
      .selectFrom('pulse_series')
      .select('stopped_at')
      .where('org_id', '=', other.orgId)
      .executeTakeFirstOrThrow();
    expect(theirSeries.stopped_at).toBeNull();
    expect((await series())[0]!.stopped_at).toBeNull();
    expect(await seriesAudit()).toHaveLength(1);
  });

  it('pulse stop (admin) ends the series; the round in flight still runs to its close', async () => {
    const [running] = await series();
    const reply = await text('pulse stop', admin);
    expect(reply).toContain('Monthly Health Check stopped');
    expect(reply).toContain('No more rounds will open (the next would have opened Fri 2 Jan).');
    expect(reply).toContain('The round in flight still runs until Fri 12 Dec.');
    expect(await series()).toEqual([
      expect.objectContaining({
        id: running!.id,
        stopped_at: expect.any(Date),
        stopped_by: 'Programme Office (PIP team)',
      }),
    ]);
    expect(await rounds()).toEqual([{ state: 'open', opens_on: '2025-12-01' }]);
    expect(await seriesAudit()).toEqual([
      { actor: 'Programme Office (PIP team)', change: 'start' },
      { actor: 'Programme Office (PIP team)', change: 'stop' },
    ]);
    expect(await text('pulse status', admin)).not.toContain('Monthly');
  });

  it('a second stop, or the old card’s button, gets a clear answer and changes nothing', async () => {
    const [stopped] = await series();
    expect(await text('pulse stop', admin)).toContain(
      'No monthly Health Check series is running, so there is nothing to stop.',
    );
    const old = await bot.execute(PULSE_SERIES_STOP_VERB, { seriesId: stopped!.id }, admin);
    expect(cardText(old.invokeResponse?.body.value)).toContain('has been stopped already');
    expect(await series()).toEqual([stopped]);
    expect(await seriesAudit()).toHaveLength(2);
  });

  it('after the stop, no round opens a month later; pulse open once opens a one-off', async () => {
    await openDueSeriesRounds(testApp(store, orgId), new Date('2026-01-02T09:31:00Z'), [orgId]);
    expect(await rounds()).toHaveLength(1);
    await bot.say('pulse close', admin);
    const reply = await text('pulse open once', admin);
    expect(reply).toContain('A one-off round: no monthly series.');
    expect(await series()).toHaveLength(1);
    expect(await text('help', admin)).toContain('pulse stop');
  });
});
