import { openPostgres } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { tenantShare } from '../../src/delivery/worker-registry.js';
import { newId } from '../../src/shared/ids.js';
import { enqueueFanout, seedRecipients, settled } from '../../test/support/delivery-fixtures.js';
import { FakeConnector } from '../../test/support/fake-connector.js';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-processes.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { compiledDeliveryWorker } from '../support/build.js';
import { onCleanup } from '../support/cleanup.js';
import { createBenchDatabase } from '../support/stores.js';
import { deliveryFigures, TENANT_LIMIT } from './delivery.figures.js';

const NAME = 'scale-out';

/**
 * Two copies of the bot's delivery worker, as separate processes on one PostgreSQL, share one fan-out:
 * rows through SKIP LOCKED claims, the tenant's 50 requests/s through heartbeats. The fake connector in
 * this process is the referee.
 */
export const scaleOutScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 120, quick: 40 },
  async run({ quick }) {
    const count = quick ? 100 : 1_000;
    const url = await createBenchDatabase();
    const store = openPostgres(url, 4);
    const connector = await FakeConnector.start();
    const workers: WorkerProcess[] = [];
    const forget = onCleanup(() => {
      for (const w of workers) w.child.kill('SIGKILL');
    });
    try {
      await migrateToLatest(store.db);
      const orgId = `bench-${newId()}`;
      await store.db.insertInto('organisations').values({ id: orgId, name: 'Bench Council' }).execute();
      const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, count);
      const env = { DATABASE_URL: url, ORG_IDS: orgId, HEARTBEAT_MS: quick ? '300' : '1000', POLL_MS: '50' };
      const compiled = await compiledDeliveryWorker();
      workers.push(startWorkerProcess(env, compiled), startWorkerProcess(env, compiled));
      // why: the fan-out starts once both have seen each other and each runs at its half share.
      const half = new RegExp(`^rate ${tenantShare(TENANT_LIMIT, 2)}$`);
      await Promise.all(workers.map((w) => w.waitFor(half, 30_000)));
      await enqueueFanout(store.db, orgId, recipients, 'scale-out');
      await settled(store.db, orgId, count * 60 + 30_000);
      const counts = await Promise.all(workers.map((w) => w.stop()));
      const leaders = workers.filter((w) => w.lines.includes('leader true')).length;
      const label = `${count} personal messages, 2 worker processes`;
      const rows: BenchRow[] = deliveryFigures(NAME, label, connector, orgId, count, { rateTarget: false });
      rows.push(
        {
          scenario: NAME,
          metric: `${label}: sent by each`,
          value: counts.map((c) => c.sent ?? 0).join(' + '),
        },
        {
          scenario: NAME,
          metric: `${label}: scheduler leaders`,
          value: leaders,
          target: '1',
          ok: leaders === 1,
        },
      );
      return rows;
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      forget();
      await connector.close();
      await store.close();
    }
  },
};
