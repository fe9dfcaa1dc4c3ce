import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Server } from 'restify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config.schema.js';
import type { Store } from '../../../src/db/connect.js';
import { DeliveryWorker } from '../../../src/delivery/delivery.worker.js';
import { opsRoutes } from '../../../src/http/ops.routes.js';
import { createServer, listen } from '../../../src/http/server.js';
import { Metrics } from '../../../src/ops/metrics.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { enqueueFanout, localSender, seedRecipients, settled } from '../../support/delivery-fixtures.js';
import { FakeConnector, teamsLimits } from '../../support/fake-connector.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

describeStores('/metrics after a fan-out', (kind) => {
  let store: Store;
  let connector: FakeConnector;
  let metrics: Metrics;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    store = await testStore(kind);
    connector = await FakeConnector.start({
      limits: { conversation: teamsLimits.conversation, tenant: [{ count: 2_000, windowMs: 1_000 }] },
    });
    metrics = new Metrics({ defaultMetrics: false });
    metrics.watchStore(store.db);
    const app = {
      config: configSchema.parse({}),
      db: store.db,
      clock: systemClock,
      log: createLogger('silent'),
    };
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    server = createServer({ app, adapter, bot: new ActivityHandler(), routes: [opsRoutes(app, metrics)] });
    await listen(server, 0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await connector.close();
  });

  /** Every sample of the scrape as `name{labels}` → value. */
  async function scrape(): Promise<Map<string, number>> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const samples = new Map<string, number>();
    for (const line of text.split('\n')) {
      const m = /^(pp_\w+(?:\{[^}]*\})?) (\S+)$/.exec(line);
      if (m) samples.set(m[1]!, Number(m[2]));
    }
    return samples;
  }

  it('moves the sent, failed and throttled counters and empties the outbox gauge', async () => {
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 30);
    connector.inject({ conversationId: recipients[3]!.conversationId, status: 403 });
    connector.inject({
      conversationId: recipients[7]!.conversationId,
      status: 429,
      retryAfterSeconds: 0,
      times: 1,
    });
    await enqueueFanout(store.db, orgId, recipients, 'notice:metrics');
    const before = await scrape();

    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender(), onOutcome: (k, o) => metrics.deliveryOutcome(k, o) },
      {
        pollMs: 10,
        tenantLimitPerSecond: 2_000,
        retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40 },
        onlyOrgs: [orgId],
      },
    );
    worker.start();
    try {
      await settled(store.db, orgId);
    } finally {
      await worker.stop();
    }

    const after = await scrape();
    const moved = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(moved('pp_messages_sent_total{kind="notice"}')).toBe(29);
    expect(moved('pp_messages_failed_total{kind="notice"}')).toBe(1);
    expect(moved('pp_messages_throttled_total{kind="notice"}')).toBe(1);
    expect(moved('pp_outbox_depth{state="pending"}')).toBe(-30);
  });
});
