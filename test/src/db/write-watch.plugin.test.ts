import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { DataGeneration } from '../../../src/db/data-generation.js';
import { generationOf, watchWrites } from '../../../src/db/write-watch.plugin.js';
import { newId } from '../../../src/shared/ids.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

/** A generation that counts its changes. */
class CountedGeneration extends DataGeneration {
  count = 0;
  override changed(): void {
    this.count++;
    super.changed();
  }
}

describeStores('watchWrites: writes to the watched tables move the generation', (kind) => {
  let store: Store;
  let orgId: string;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await createOrg(store);
  });

  /** How often the generation moved while `work` ran on the watched store. */
  async function changesDuring(work: (db: Store['db']) => Promise<unknown>): Promise<number> {
    const generation = new CountedGeneration({ heard: true });
    await work(watchWrites(store.db, generation));
    return generation.count;
  }

  const person = () => ({
    id: newId(),
    org_id: orgId,
    display_name: 'Watched Person',
    email: `${newId()}@watch.example`,
    is_social_worker: false,
    access: null,
    active: true,
  });

  it('moves on insert, update and delete of a watched table, also inside a transaction', async () => {
    const row = person();
    expect(await changesDuring((db) => db.insertInto('people').values(row).execute())).toBe(1);
    expect(
      await changesDuring((db) =>
        db
          .transaction()
          .execute((trx) =>
            trx.updateTable('people').set({ active: false }).where('id', '=', row.id).execute(),
          ),
      ),
    ).toBe(1);
    expect(await changesDuring((db) => db.deleteFrom('people').where('id', '=', row.id).execute())).toBe(1);
  });

  it('stays put for reads and for writes to tables no cache reads', async () => {
    const reads = (db: Store['db']) =>
      Promise.all([
        db.selectFrom('people').select('id').where('org_id', '=', orgId).execute(),
        sql`select 1`.execute(db),
        db
          .insertInto('audit_log')
          .values({ org_id: orgId, actor: 'test', entity: 'x', entity_id: 'x', change: 'x', at: new Date() })
          .execute(),
      ]);
    expect(await changesDuring(reads)).toBe(0);
  });

  it('moves for a write in a WITH clause and for raw SQL that is not a select', async () => {
    const viaCte = (db: Store['db']) =>
      db
        .with('touched', (w) =>
          w.updateTable('people').set({ active: true }).where('org_id', '=', orgId).returning('id'),
        )
        .selectFrom('touched')
        .select('id')
        .execute();
    expect(await changesDuring(viaCte)).toBe(1);
    expect(
      await changesDuring((db) => sql`update people set active = true where org_id = ${orgId}`.execute(db)),
    ).toBe(1);
  });

  it('gives cached reads only to the watched store, not to the plain one or a transaction', async () => {
    const generation = new DataGeneration({ heard: true });
    const watched = watchWrites(store.db, generation);
    expect(generationOf(watched)).toBe(generation);
    expect(generationOf(store.db)).toBeUndefined();
    await watched.transaction().execute(async (trx) => expect(generationOf(trx)).toBeUndefined());
  });
});
