import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveViewer } from '../../../src/access/viewer.js';
import type { Store } from '../../../src/db/connect.js';
import { listenForDataChanges, notifyThrough } from '../../../src/db/data-change-listener.js';
import { DataGeneration } from '../../../src/db/data-generation.js';
import { watchWrites } from '../../../src/db/write-watch.plugin.js';
import { createLogger } from '../../../src/shared/logger.js';
import { MATRIX_PEOPLE, matrixOrg } from '../../support/matrix-org.js';
import { testStore } from '../../support/store.js';
import { testDatabaseUrl, testStoreKinds } from '../../support/store-settings.js';

/** Polls until `check` passes (a notification arrives asynchronously), for at most 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.runIf(testStoreKinds().includes('postgres'))(
  'data change listener: another copy’s committed write reaches this copy’s caches',
  () => {
    let store: Store;
    let orgId: string;
    const generation = new DataGeneration({ heard: false });
    let listener: ReturnType<typeof listenForDataChanges>;
    let db: Store['db'];
    /** Whether the viewer read through the app's store shows the access level. */
    const shows = async (access: 'admin' | null) =>
      (await resolveViewer(db, orgId, MATRIX_PEOPLE.owner))?.person.access === access;
    const otherCopySets = (access: 'admin' | null) =>
      store.db.updateTable('people').set({ access }).where('org_id', '=', orgId).execute();

    beforeAll(async () => {
      store = await testStore('postgres');
      orgId = await matrixOrg(store);
      db = watchWrites(store.db, generation);
      listener = listenForDataChanges(testDatabaseUrl(), generation, createLogger('silent'), {
        notify: notifyThrough(store.db),
      });
    });
    afterAll(() => listener.stop());

    it('never counts as heard when its pings do not come back (a LISTEN that receives nothing)', async () => {
      const deaf = new DataGeneration({ heard: false });
      const silent = listenForDataChanges(testDatabaseUrl(), deaf, createLogger('silent'), {
        notify: async () => undefined,
        pingMs: 100,
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(deaf.isHeard()).toBe(false);
      await silent.stop();
    });

    it('reads through until its first ping comes back', async () => {
      expect(await eventually(async () => generation.isHeard())).toBe(true);
    });

    it('forgets the cache when another copy’s change commits', async () => {
      expect(await shows(null)).toBe(true);
      await otherCopySets('admin');
      expect(await eventually(() => shows('admin'))).toBe(true);
      await otherCopySets(null);
      expect(await eventually(() => shows(null))).toBe(true);
    });

    it('reads through again once stopped', async () => {
      await listener.stop();
      await otherCopySets('admin');
      expect(generation.isHeard()).toBe(false);
      expect(await shows('admin')).toBe(true);
      await otherCopySets(null);
    });
  },
);
