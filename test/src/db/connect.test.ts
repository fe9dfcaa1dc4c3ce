import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testStore } from '../../support/store.js';
import { testStoreKinds } from '../../support/store-settings.js';

describe.runIf(testStoreKinds().includes('pglite'))('embedded store settings', () => {
  it('runs with 16 MB of shared buffers, not the 128 MB initdb writes into postgresql.conf', async () => {
    const store = await testStore('pglite');
    const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(store.db);
    expect(rows[0]?.shared_buffers).toBe('16MB');
  });
});
