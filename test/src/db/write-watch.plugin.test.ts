import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { DataGeneration } from '../../../src/db/data-generation.js';
import { generationOf, watchWrites } from '../../../src/db/write-watch.plugin.js';
import { newId } from '../../../src/shared/ids.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

/** A generation that records the tables each change named ('*': every table). */
class CountedGeneration extends DataGeneration {
  readonly told: string[] = [];
  override changed(tables?: readonly string[]): void {
    this.told.push(tables ? tables.join(',') : '*');
    super.changed(tables);
  }
}

describeStores('watchWrites: writes to the watched tables are told to the generation', (kind) => {
  let store: Store;
  let orgId: string;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await createOrg(store);
  });

  /** The changes the generation was told of while `work` ran on the watched store. */
  async function changesDuring(work: (db: Store['db']) => Promise<unknown>): Promise<string[]> {
    const generation = new CountedGeneration({ heard: true });
    await work(watchWrites(store.db, generation));
    return generation.told;
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

  it('names the table on insert, update and delete, also inside a transaction', async () => {
    const row = person();
    expect(await changesDuring((db) => db.insertInto('people').values(row).execute())).toEqual(['people']);
    expect(
      await changesDuring((db) =>
        db
          .transaction()
          .execute((trx) =>
            trx.updateTable('people').set({ active: false }).where('id', '=', row.id).execute(),
          ),
      ),
    ).toEqual(['people']);
    expect(await changesDuring((db) => db.deleteFrom('people').where('id', '=', row.id).execute())).toEqual([
      'people',
    ]);
  });

  it('says nothing for reads and for writes to tables no cache reads', async () => {
    const reads = (db: Store['db']) =>
      Promise.all([
        db.selectFrom('people').select('id').where('org_id', '=', orgId).execute(),
        sql`select 1`.execute(db),
        db
          .insertInto('audit_log')
          .values({ org_id: orgId, actor: 'test', entity: 'x', entity_id: 'x', change: 'x', at: new Date() })
          .execute(),
      ]);
    expect(await changesDuring(reads)).toEqual([]);
  });

  it('names the table of a write in a WITH clause; raw SQL that is not a select may change any', async () => {
    const viaCte = (db: Store['db']) =>
      db
        .with('touched', (w) =>
          w.updateTable('people').set({ active: true }).where('org_id', '=', orgId).returning('id'),
        )
        .selectFrom('touched')
        .select('id')
        .execute();
    expect(await changesDuring(viaCte)).toEqual(['people']);
    expect(
      await changesDuring((db) => sql`update people set active = true where org_id = ${orgId}`.execute(db)),
    ).toEqual(['*']);
  });

  it('gives cached reads only to the watched store, not to the plain one or a transaction', async () => {
    const generation = new DataGeneration({ heard: true });
    const watched = watchWrites(store.db, generation);
    expect(generationOf(watched)).toBe(generation);
    expect(generationOf(store.db)).toBeUndefined();
    await watched.transaction().execute(async (trx) => expect(generationOf(trx)).toBeUndefined());
  });
});
