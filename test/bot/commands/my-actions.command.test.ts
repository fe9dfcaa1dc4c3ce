import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('my actions', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    // Monday 16 March 2020: 1d (due 31 Mar 2020) is 11 working days away.
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-16T09:30:00Z')) }),
      orgId,
    );
  });

  it("lists the sender's actions, soonest due first, with working days left", async () => {
    const { replies } = await bot.say('my actions', { aadObjectId: SAMPLE.owner });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('Your actions: 10 open');
    const refs = [...text.matchAll(/\*\*(\d+[a-z])\*\*/g)].map((m) => m[1]);
    expect(refs).toEqual(['1d', '7c', '10e', '7f', '8c', '3d', '6e', '7b', '8d', '8e']);
    expect(text).toContain('Due 31 Mar 2020 · due in 11 working days');
  });

  it('answers someone not on the roster politely, with no plan data', async () => {
    const { replies } = await bot.say('my actions', { aadObjectId: SAMPLE.stranger });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain("I don't know you yet");
    expect(text).not.toMatch(/\d+[a-z]\b/);
  });

  it('sends nothing back to a tenant that is not allowed', async () => {
    const { replies } = await bot.say('my actions', {
      aadObjectId: SAMPLE.owner,
      tenantId: 'another-tenant',
    });
    expect(replies).toEqual([]);
  });

  it('answers unknown text with help', async () => {
    const { replies } = await bot.say('what is the weather', { aadObjectId: SAMPLE.owner });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain("Sorry, I didn't understand that.");
    expect(text).toContain('my actions');
  });
});
