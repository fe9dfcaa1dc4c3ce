import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inboundRateLimit, SLOW_DOWN } from '../../bot/inbound-rate-limit.middleware.js';
import { PracticePulseBot } from '../../bot/practice-pulse.bot.js';
import { ManualClock } from '../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../support/bot-harness.js';
import { sampleOrg } from '../support/plan-fixtures.js';
import { SAMPLE } from '../support/sample-people.js';
import { testStore } from '../support/store.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

describe('inbound rate limit middleware (per person)', () => {
  const clock = new ManualClock(new Date('2020-03-16T09:30:00Z'));
  let bot: ReturnType<typeof botHarness>;
  let turns: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    const store = await testStore(testStoreKinds()[0]!);
    const orgId = await sampleOrg(store);
    const app = testApp(store, orgId, { clock, config: { INBOUND_BURST: '5', INBOUND_PER_MINUTE: '12' } });
    bot = botHarness(app, orgId);
    bot.adapter.use(inboundRateLimit(app));
    turns = vi.spyOn(PracticePulseBot.prototype, 'run');
  });

  afterAll(() => turns.mockRestore());

  it('answers a flood from one person once with "slow down", and the flood never reaches the bot', async () => {
    turns.mockClear();
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { replies } = await bot.say('my actions', { aadObjectId: SAMPLE.owner });
      for (const r of replies) answers.push(r.text ?? (r.attachments?.length ? 'card' : ''));
    }
    expect(answers.filter((a) => a === 'card')).toHaveLength(5);
    expect(answers.filter((a) => a === SLOW_DOWN)).toHaveLength(1);
    expect(answers).toHaveLength(6);
    expect(turns).toHaveBeenCalledTimes(5);
  });

  it('serves everyone else as usual while that person is limited', async () => {
    const { replies } = await bot.say('my actions', { aadObjectId: SAMPLE.admin });
    expect(cardText(cardOf(replies[0]))).toContain('Your actions');
    const flooder = await bot.say('my actions', { aadObjectId: SAMPLE.owner });
    expect(flooder.replies).toEqual([]);
  });

  it('answers a limited card tap with a message that keeps the card (Teams waits for an invoke answer)', async () => {
    const { invokeResponse, replies } = await bot.execute('anything', {}, { aadObjectId: SAMPLE.owner });
    expect(replies).toEqual([]);
    expect(invokeResponse?.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: SLOW_DOWN,
    });
  });

  it('lets the person back in once the limit refills', async () => {
    clock.advance(60_000);
    const { replies } = await bot.say('my actions', { aadObjectId: SAMPLE.owner });
    expect(cardText(cardOf(replies[0]))).toContain('Your actions');
  });

  it('does not count Teams events (installation, conversation updates) against anyone', async () => {
    for (let i = 0; i < 20; i++) {
      await bot.raw(
        { type: 'conversationUpdate', membersAdded: [{ id: '28:bot', name: 'practice-pulse' }] },
        { aadObjectId: SAMPLE.dcs },
      );
    }
    const { replies } = await bot.say('my actions', { aadObjectId: SAMPLE.dcs });
    expect(cardText(cardOf(replies[0]))).toContain('Your actions');
  });
});
