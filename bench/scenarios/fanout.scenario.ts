import { openPostgres, type Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { newId } from '../../src/shared/ids.js';
import {
  enqueueFanout,
  type Recipient,
  seedRecipients,
  settled,
} from '../../test/support/delivery-fixtures.js';
import { FakeConnector } from '../../test/support/fake-connector.js';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-processes.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { compiledDeliveryWorker } from '../support/build.js';
import { onCleanup } from '../support/cleanup.js';
import { createBenchDatabase } from '../support/stores.js';
import { deliveryFigures } from './delivery.figures.js';

const NAME = 'fanout';

interface Council {
  orgId: string;
  faultRate: number;
  label: string;
}

/**
 * Two councils' fan-outs of `count` personal messages each, at the same time, by one delivery worker (its own
 * process, as in production), through the fake connector in this process, which answers 429 whenever a Teams
 * limit is exceeded. One council's sends fail with 503 at `faultRate`.
 * why: Teams' 50/s is per tenant, so two councils run side by side at full speed; the run takes half as long
 * as one after the other, and shows that one council's retries do not slow the other down.
 */
async function fanouts(store: Store, url: string, count: number, faultRate: number): Promise<BenchRow[]> {
  const connector = await FakeConnector.start({ seed: 7 });
  const councils: Council[] = [
    { orgId: `bench-${newId()}`, faultRate: 0, label: `${count} personal messages` },
    {
      orgId: `bench-${newId()}`,
      faultRate,
      label: `${count} personal messages, ${faultRate * 100}% injected 5xx`,
    },
  ];
  let worker: WorkerProcess | undefined;
  const forget = onCleanup(() => {
    worker?.child.kill('SIGKILL');
  });
  try {
    const recipients: Recipient[][] = [];
    for (const { orgId, faultRate: rate } of councils) {
      await store.db.insertInto('organisations').values({ id: orgId, name: 'Bench Council' }).execute();
      const people = await seedRecipients(store.db, orgId, connector.serviceUrl, count);
      const conversations = new Set(people.map((p) => p.conversationId));
      if (rate > 0) connector.inject({ status: 503, rate, conversationId: (id) => conversations.has(id) });
      recipients.push(people);
    }
    const orgIds = councils.map((c) => c.orgId);
    const env = { DATABASE_URL: url, ORG_IDS: orgIds.join(','), POLL_MS: '50' };
    worker = startWorkerProcess(env, await compiledDeliveryWorker());
    await worker.waitFor(/^ready$/, 30_000);
    await Promise.all(councils.map((c, i) => enqueueFanout(store.db, c.orgId, recipients[i] ?? [], 'bench')));
    await Promise.all(orgIds.map((orgId) => settled(store.db, orgId, count * 60 + 30_000)));
    await worker.stop();
    return councils.flatMap((c) =>
      deliveryFigures(NAME, c.label, connector, c.orgId, count, { rateTarget: c.faultRate === 0 }),
    );
  } finally {
    if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
    forget();
    await connector.close();
  }
}

/** Fan-out at the speed Teams allows, and at the same time another council's with 5% of sends failing with 503. */
export const fanoutScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 200, quick: 40 },
  async run({ quick }) {
    const count = quick ? 100 : 5_000;
    const url = await createBenchDatabase();
    const store = openPostgres(url, 4);
    try {
      await migrateToLatest(store.db);
      return await fanouts(store, url, count, 0.05);
    } finally {
      await store.close();
    }
  },
};
