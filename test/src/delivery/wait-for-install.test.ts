import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { DeliveryWorker } from '../../../src/delivery/delivery.worker.js';
import { WAITING_FOR_INSTALL } from '../../../src/delivery/delivery-target.js';
import { enqueueMessage } from '../../../src/delivery/outbox.repository.js';
import { holdersOf } from '../../../src/people/people.repository.js';
import { botHarness } from '../../support/bot-harness.js';
import { cardActivity, localSender } from '../../support/delivery-fixtures.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('a message sent before the app is installed', (kind) => {
  let store: Store;
  let connector: FakeConnector;
  beforeAll(async () => {
    store = await testStore(kind);
    connector = await FakeConnector.start({ enforceLimits: false });
  });
  afterAll(() => connector.close());

  it('waits for the first conversation with the organisation, then goes out at once', async () => {
    const orgId = await sampleOrg(store);
    const [owner] = await holdersOf(store.db, orgId, ['PSW']);
    await enqueueMessage(
      store.db,
      orgId,
      {
        key: 'reminder:early',
        kind: 'reminder',
        target: { personId: owner!.id },
        activity: cardActivity('Your reminder'),
      },
      new Date(),
    );
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender() },
      { onlyOrgs: [orgId], pollMs: 10 },
    );
    const row = () =>
      store.db.selectFrom('outbox').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();

    await worker.runOnce();
    const waiting = await row();
    expect(waiting).toMatchObject({ state: 'pending', last_error: WAITING_FOR_INSTALL, attempts: 0 });
    expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 60_000);

    // The programme office installs the app: the bot now knows where this council's Teams lives.
    const bot = botHarness(testApp(store, orgId, { clock: { now: () => new Date() } }), orgId);
    await bot.raw(
      { type: 'installationUpdate', action: 'add', serviceUrl: connector.serviceUrl },
      { aadObjectId: SAMPLE.admin },
    );
    expect((await row()).next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());

    await worker.runOnce();
    await worker.stop();
    expect((await row()).state).toBe('sent');
    expect(connector.calls.filter((c) => c.tenantId === orgId).map((c) => c.kind)).toEqual([
      'create',
      'send',
    ]);
  });
});
