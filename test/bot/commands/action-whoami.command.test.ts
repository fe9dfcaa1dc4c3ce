import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('action and whoami commands', (kind) => {
  let store: Store;
  let bot: ReturnType<typeof botHarness>;
  beforeAll(async () => {
    store = await testStore(kind);
    const orgId = await sampleOrg(store);
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-16T09:30:00Z')) }),
      orgId,
    );
  });

  it('shows an action its owner asks for, with measures and working days left', async () => {
    const { replies } = await bot.say('action 7C', { aadObjectId: SAMPLE.owner });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('7c · Review moderation arrangements');
    expect(text).toContain('Head of S&I');
    expect(text).toContain('31 Mar 2020 (March 2020) · due in 11 working days');
    expect(text).toContain('No update yet');
  });

  it('lets a programme lead open any action', async () => {
    const { replies } = await bot.say('action 6a', { aadObjectId: SAMPLE.lead });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('6a · ');
    expect(text).toContain('regular supervision (CIS Health Check)');
  });

  it('does not show an action to someone who neither owns it nor leads, nor say whether it exists', async () => {
    const other = cardText(
      cardOf((await bot.say('action 1a', { aadObjectId: SAMPLE.socialWorker })).replies[0]),
    );
    const missing = cardText(
      cardOf((await bot.say('action 99z', { aadObjectId: SAMPLE.socialWorker })).replies[0]),
    );
    expect(other).toContain('No action 1a for you');
    expect(other.replace('1a', '99z')).toBe(missing);
  });

  it('tells a person what the roster says about them', async () => {
    const { replies } = await bot.say('whoami', { aadObjectId: SAMPLE.owner });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('Principal Social Worker (acting Head of S&I)');
    expect(text).toContain('Head of Strategy and Improvement (Head of S&I), Principal Social Worker (PSW)');
    expect(text).toContain('Yes, you are asked');
    expect(text).toMatch(/Actions you act for\n10/);
  });

  it("strips the bot mention in a channel, and keeps a person's own details out of it", async () => {
    const { replies } = await bot.raw(
      {
        type: 'message',
        text: '<at>practice-pulse</at> whoami',
        entities: [
          {
            type: 'mention',
            mentioned: { id: '28:bot', name: 'practice-pulse' },
            text: '<at>practice-pulse</at>',
          },
        ],
      },
      { aadObjectId: SAMPLE.lead, conversationType: 'channel', conversationId: '19:board@thread.tacv2' },
    );
    // The command was understood once the mention was stripped, and is answered only in the 1:1 chat.
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain("Let's do that in our 1:1 chat");
    expect(text).not.toContain("Director of Children's Integrated Services");
  });
});
