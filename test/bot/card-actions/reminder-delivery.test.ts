import { afterAll, beforeAll, expect, it } from 'vitest';
import { reminderMessages } from '../../../cards/reminder-messages.js';
import type { Store } from '../../../src/db/connect.js';
import { DeliveryWorker } from '../../../src/delivery/delivery.worker.js';
import { runReminders } from '../../../src/reminders/reminder.service.js';
import { policyOf } from '../../../src/reminders/reminder-policy.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText, type Sender } from '../../support/bot-harness.js';
import { localSender, settled } from '../../support/delivery-fixtures.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp, testConfig } from '../../support/test-app.js';
import { buttonOf, validCard } from './update-test-kit.js';

const owner: Sender = { aadObjectId: SAMPLE.owner, name: 'PSW' };

describeStores('a reminder from the scheduler to the owner’s chat and back', (kind) => {
  let store: Store;
  let connector: FakeConnector;
  beforeAll(async () => {
    store = await testStore(kind);
    connector = await FakeConnector.start({ enforceLimits: false });
  });
  afterAll(() => connector.close());

  it('is delivered as one card, answered in a tap, replaced in place, and shown on `action 7c`', async () => {
    const orgId = await sampleOrg(store);
    const bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-20T09:31:00Z')) }),
      orgId,
    );
    // The owner installed the app: their 1:1 is known, at the (fake) Teams endpoint.
    await bot.raw({ type: 'message', text: 'hello', serviceUrl: connector.serviceUrl }, owner);
    const context = { today: '2020-03-20', now: new Date('2020-03-20T09:30:00Z'), timeZone: 'Europe/London' };
    await runReminders(store.db, orgId, {
      ...context,
      policy: policyOf(testConfig()),
      messages: reminderMessages,
    });

    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender() },
      { pollMs: 10, onlyOrgs: [orgId] },
    );
    worker.start();
    try {
      await settled(store.db, orgId);
    } finally {
      await worker.stop();
    }
    const delivered = connector
      .sent()
      .filter((c) => c.tenantId === orgId && c.conversationId === `personal-${SAMPLE.owner}`);
    expect(delivered).toHaveLength(1);
    const card = validCard(cardOf(delivered[0]!.body as never));
    expect(cardText(card)).toContain('3 actions due in the next 14 working days');

    const onTrack = buttonOf(card, 'On track', '7c');
    const tapped = await bot.execute(onTrack.verb, onTrack.data, owner);
    expect(cardText(tapped.invokeResponse?.body.value)).toContain('7c recorded as on track');
    const { replies } = await bot.say('action 7c', owner);
    expect(cardText(cardOf(replies[0]))).toContain('Green (on track), 0%, today');
  });
});
