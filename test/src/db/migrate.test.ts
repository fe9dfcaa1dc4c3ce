import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { isSchemaCurrent, migrateToLatest } from '../../../src/db/migrate.js';
import { createOrg, describeStores, schemaOf, testStore } from '../../support/store.js';

describeStores('migrations', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('leaves the schema current, and running them again changes nothing', async () => {
    expect(await isSchemaCurrent(store.db, schemaOf(store))).toBe(true);
    expect(await migrateToLatest(store.db, schemaOf(store))).toEqual([]);
  });

  it('keeps calendar dates as ISO strings, not shifted Date objects', async () => {
    const orgId = await createOrg(store);
    const row = await store.db
      .selectFrom('organisations')
      .select((eb) => eb.cast<string>(eb.val('2026-03-31'), 'date').as('d'))
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(row.d).toBe('2026-03-31');
  });
});
