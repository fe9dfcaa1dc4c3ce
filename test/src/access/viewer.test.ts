import { beforeAll, expect, it } from 'vitest';
import { resolveViewer } from '../../../src/access/viewer.js';
import type { Store } from '../../../src/db/connect.js';
import { DataGeneration } from '../../../src/db/data-generation.js';
import { watchWrites } from '../../../src/db/write-watch.plugin.js';
import { importRoster } from '../../../src/plan/import-files.js';
import { MATRIX_PEOPLE, matrixOrg } from '../../support/matrix-org.js';
import { textSource } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const HEADER = 'Display name,Email,Entra object id,Team,Service,Roles,Social worker,Delegate,Access';
const owner = (roles: string, access = '') =>
  `Matrix Owner,owner@matrix.example,${MATRIX_PEOPLE.owner},HR,Corporate,${roles},no,,${access}`;

describeStores('resolveViewer through the app store: cached until the roster changes', (kind) => {
  let store: Store;
  let orgId: string;
  let db: Store['db'];
  const viewer = () => resolveViewer(db, orgId, MATRIX_PEOPLE.owner);
  const importOwner = (line: string) =>
    importRoster(db, orgId, textSource('roster.csv', [HEADER, line].join('\n')));

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await matrixOrg(store);
    db = watchWrites(store.db, new DataGeneration({ heard: true }));
  });

  it('answers again from the cache while nothing it watches was written through the app', async () => {
    expect((await viewer())?.roles).toEqual(['HR']);
    // why: a write the app does not see (the plain store) shows the answer really comes from the cache.
    await store.db.updateTable('people').set({ access: 'admin' }).where('org_id', '=', orgId).execute();
    expect((await viewer())?.person.access).toBe(null);
    await store.db.updateTable('people').set({ access: null }).where('org_id', '=', orgId).execute();
  });

  it('sees a roster import at once: roles and access changed, then the person removed', async () => {
    expect((await viewer())?.roles).toEqual(['HR']);
    await importOwner(owner('PSW', 'lead'));
    expect(await viewer()).toMatchObject({ roles: ['PSW'], person: { access: 'lead' } });
    await importRoster(
      db,
      orgId,
      textSource('roster.csv', [HEADER, 'Someone Else,else@matrix.example,,HR,Corporate,HR,no,,'].join('\n')),
    );
    expect(await viewer()).toBeUndefined();
  });

  it('sees a person put back on the roster', async () => {
    await importOwner(owner('HR'));
    expect((await viewer())?.roles).toEqual(['HR']);
  });
});
