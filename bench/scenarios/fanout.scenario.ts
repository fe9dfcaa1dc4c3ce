import { openPostgres, type Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DeliveryWorker } from '../../src/delivery/delivery.worker.js';
import { newId } from '../../src/shared/ids.js';
import { enqueueFanout, localSender, seedRecipients, settled } from '../../test/support/delivery-fixtures.js';
import { FakeConnector } from '../../test/support/fake-connector.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { errorRow } from '../support/run-scenarios.js';
import { createBenchDatabase } from '../support/stores.js';
import { deliveryFigures } from './delivery.figures.js';

const NAME = 'fanout';

/** One fan-out of `count` personal messages by one worker, through a connector enforcing Teams' limits. */
async function fanout(store: Store, count: number, faultRate: number): Promise<BenchRow[]> {
  const connector = await FakeConnector.start({ seed: 7 });
  const orgId = `bench-${newId()}`;
  try {
    await store.db.insertInto('organisations').values({ id: orgId, name: 'Bench Council' }).execute();
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, count);
    await enqueueFanout(store.db, orgId, recipients, 'bench');
    if (faultRate > 0) connector.inject({ status: 503, rate: faultRate });
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender() },
      { onlyOrgs: [orgId], pollMs: 50, retry: { maxAttempts: 10 } },
    );
    worker.start();
    await settled(store.db, orgId, count * 60 + 30_000);
    await worker.stop();
    const label =
      faultRate > 0
        ? `${count} personal messages, ${faultRate * 100}% injected 5xx`
        : `${count} personal messages`;
    return deliveryFigures(NAME, label, connector, orgId, count, { rateTarget: faultRate === 0 });
  } finally {
    await connector.close();
  }
}

/**
 * Fan-out at the speed Teams allows: one delivery worker on PostgreSQL sends to thousands of personal
 * conversations through the fake Bot Connector, which answers 429 whenever a Teams limit is exceeded.
 */
export const fanoutScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 330, quick: 40 },
  async run({ quick }) {
    const count = quick ? 300 : 5_000;
    const store = openPostgres(await createBenchDatabase(), 8);
    const rows: BenchRow[] = [];
    try {
      await migrateToLatest(store.db);
      for (const faultRate of [0, 0.05]) {
        try {
          rows.push(...(await fanout(store, count, faultRate)));
        } catch (error) {
          rows.push(errorRow(NAME, error));
        }
      }
    } finally {
      await store.close();
    }
    return rows;
  },
};
