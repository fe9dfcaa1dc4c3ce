import { openPostgres, type Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { newId } from '../../src/shared/ids.js';
import { enqueueFanout, seedRecipients, settled } from '../../test/support/delivery-fixtures.js';
import { FakeConnector } from '../../test/support/fake-connector.js';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-processes.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { onCleanup } from '../support/cleanup.js';
import { errorRow } from '../support/run-scenarios.js';
import { createBenchDatabase } from '../support/stores.js';
import { deliveryFigures } from './delivery.figures.js';

const NAME = 'fanout';

/**
 * One fan-out of `count` personal messages by one delivery worker (its own process, as in production),
 * through the fake connector in this process, which answers 429 whenever a Teams limit is exceeded.
 */
async function fanout(store: Store, url: string, count: number, faultRate: number): Promise<BenchRow[]> {
  const connector = await FakeConnector.start({ seed: 7 });
  const orgId = `bench-${newId()}`;
  let worker: WorkerProcess | undefined;
  const forget = onCleanup(() => {
    worker?.child.kill('SIGKILL');
  });
  try {
    await store.db.insertInto('organisations').values({ id: orgId, name: 'Bench Council' }).execute();
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, count);
    if (faultRate > 0) connector.inject({ status: 503, rate: faultRate });
    worker = startWorkerProcess({ DATABASE_URL: url, ORG_IDS: orgId, POLL_MS: '50' });
    await worker.waitFor(/^ready$/, 30_000);
    await enqueueFanout(store.db, orgId, recipients, 'bench');
    await settled(store.db, orgId, count * 60 + 30_000);
    await worker.stop();
    const label =
      faultRate > 0
        ? `${count} personal messages, ${faultRate * 100}% injected 5xx`
        : `${count} personal messages`;
    return deliveryFigures(NAME, label, connector, orgId, count, { rateTarget: faultRate === 0 });
  } finally {
    if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
    forget();
    await connector.close();
  }
}

/** Fan-out at the speed Teams allows, and the same with 5% of sends failing with 503. */
export const fanoutScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 330, quick: 40 },
  async run({ quick }) {
    const count = quick ? 300 : 5_000;
    const url = await createBenchDatabase();
    const store = openPostgres(url, 4);
    const rows: BenchRow[] = [];
    try {
      await migrateToLatest(store.db);
      for (const faultRate of [0, 0.05]) {
        try {
          rows.push(...(await fanout(store, url, count, faultRate)));
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
