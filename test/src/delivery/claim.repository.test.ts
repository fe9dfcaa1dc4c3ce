import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { anyDue, claimDue } from '../../../src/delivery/claim.repository.js';
import { enqueueFanout, seedRecipients } from '../../support/delivery-fixtures.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

describeStores('anyDue', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('is true exactly when a claim would find something: due, or a lease run out', async () => {
    const orgId = await createOrg(store);
    const other = await createOrg(store);
    const now = new Date();
    expect(await anyDue(store.db, now, [orgId])).toBe(false);
    const [person] = await seedRecipients(store.db, orgId, 'http://127.0.0.1:1/', 1);
    await enqueueFanout(store.db, orgId, [person!], 'due');
    const later = new Date(now.getTime() + 1_000);
    expect(await anyDue(store.db, later, [other])).toBe(false);
    expect(await anyDue(store.db, later, [orgId])).toBe(true);

    const claimed = await claimDue(store.db, {
      limit: 1,
      now: later,
      leaseMs: 60_000,
      token: 't',
      onlyOrgs: [orgId],
    });
    expect(claimed).toHaveLength(1);
    expect(await anyDue(store.db, later, [orgId])).toBe(false);
    expect(await anyDue(store.db, new Date(later.getTime() + 61_000), [orgId])).toBe(true);

    await store.db
      .updateTable('outbox')
      .set({ state: 'pending', next_attempt_at: new Date(later.getTime() + 5_000) })
      .where('org_id', '=', orgId)
      .execute();
    expect(await anyDue(store.db, later, [orgId])).toBe(false);
    expect(await anyDue(store.db, new Date(later.getTime() + 5_000), [orgId])).toBe(true);
  });
});
