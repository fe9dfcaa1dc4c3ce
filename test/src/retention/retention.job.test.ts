import { beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app-context.js';
import { configSchema } from '../../../src/config/config.schema.js';
import type { Store } from '../../../src/db/connect.js';
import { retentionJob } from '../../../src/retention/retention.job.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { orgWithUpdates } from '../../support/status-updates.js';
import { describeStores, testStore } from '../../support/store.js';

describeStores('retention job', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });
  const app = (settings: Record<string, string>): AppContext => ({
    config: configSchema.parse(settings),
    db: store.db,
    clock: systemClock,
    log: createLogger('silent'),
  });
  const narratives = async (orgId: string) =>
    (
      await store.db
        .selectFrom('status_updates')
        .select('narrative')
        .where('org_id', '=', orgId)
        .orderBy('created_at')
        .execute()
    ).map((r) => r.narrative);

  it('purges every organisation past RETENTION_DAYS, and keeps newer text', async () => {
    const a = await orgWithUpdates(store, ['2025-09-01T09:00:00Z', '2025-12-01T09:00:00Z']);
    const b = await orgWithUpdates(store, ['2025-10-01T09:00:00Z']);
    await retentionJob.run(app({ RETENTION_DAYS: '365' }), new Date('2026-11-25T03:00:00Z'));
    expect(await narratives(a.orgId)).toEqual([null, 'Narrative of 2025-12-01T09:00:00Z']);
    expect(await narratives(b.orgId)).toEqual([null]);
  });

  it('removes nothing when RETENTION_DAYS is unset', async () => {
    const a = await orgWithUpdates(store, ['2020-01-01T09:00:00Z']);
    await retentionJob.run(app({}), new Date('2026-11-25T03:00:00Z'));
    expect(await narratives(a.orgId)).toEqual(['Narrative of 2020-01-01T09:00:00Z']);
  });
});
