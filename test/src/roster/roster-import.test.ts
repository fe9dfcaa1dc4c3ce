import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { holdersOf, rolesOf } from '../../../src/people/people.repository.js';
import { ImportError } from '../../../src/plan/import-error.js';
import { importRoles, importRoster } from '../../../src/plan/import-files.js';
import { importFootprint, sampleOrg, textSource } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';

const HEADER = 'Display name,Email,Entra object id,Team,Service,Roles,Social worker,Delegate,Access';

describeStores('roster and roles import', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('links people to roles, social work status, access and delegates', async () => {
    const orgId = await sampleOrg(store);
    const [owner] = await holdersOf(store.db, orgId, ['Head of S&I']);
    expect(owner).toMatchObject({
      email: 'psw@council.example',
      aad_object_id: SAMPLE.owner,
      is_social_worker: true,
      access: null,
    });
    expect(await rolesOf(store.db, orgId, owner!.id)).toEqual(['Head of S&I', 'PSW']);
    const pip = await holdersOf(store.db, orgId, ['PIP']);
    expect(pip.map((p) => p.access)).toEqual(['admin']);
  });

  it('deactivates people no longer on the roster and moves delegates, in one go', async () => {
    const orgId = await sampleOrg(store);
    const roster = [
      HEADER,
      'Head of S&I mailbox,head.si@council.example,,S&I,CIS,Head of S&I,no,deputy@council.example,',
      'Deputy,deputy@council.example,,S&I,CIS,,no,,',
    ].join('\n');
    const report = await importRoster(store.db, orgId, textSource('roster.csv', roster));
    expect(report).toEqual({ added: 2, updated: 0, deactivated: 27 });
    const [holder] = await holdersOf(store.db, orgId, ['Head of S&I']);
    expect(holder?.email).toBe('head.si@council.example');
    expect(holder?.delegate_person_id).not.toBeNull();
  });

  it.each([
    [
      'an unknown role',
      `${HEADER}\nA,a@x.example,,,,Head of Nonsense,no,,`,
      /row 2, column F \(Roles\): "Head of Nonsense" is not a known role/,
    ],
    [
      'a duplicate email',
      `${HEADER}\nA,a@x.example,,,,,no,,\nB,A@x.example,,,,,no,,`,
      /row 3, column B \(Email\): a@x.example appears twice \(also on row 2\)/,
    ],
    [
      'a bad object id',
      `${HEADER}\nA,a@x.example,not-a-guid,,,,no,,`,
      /row 2, column C \(Entra object id\): "not-a-guid" is not an Entra object id/,
    ],
    [
      'a delegate not on the roster',
      `${HEADER}\nA,a@x.example,,,,,no,ghost@x.example,`,
      /row 2, column H \(Delegate\): delegate ghost@x.example is not on the roster/,
    ],
    [
      'a bad social worker flag',
      `${HEADER}\nA,a@x.example,,,,,sometimes,,`,
      /"sometimes" should be yes or no/,
    ],
    [
      'a bad access level',
      `${HEADER}\nA,a@x.example,,,,,no,,superuser`,
      /"superuser" should be admin, lead or empty/,
    ],
    ['a missing Email column', 'Display name,Roles\nA,DCS', /row 1: the header has no "Email" column/],
  ])('refuses %s and changes nothing', async (_name, csv, message) => {
    const orgId = await sampleOrg(store);
    const before = await importFootprint(store, orgId);
    await expect(importRoster(store.db, orgId, textSource('roster.csv', csv))).rejects.toThrow(message);
    expect(await importFootprint(store, orgId)).toEqual(before);
  });

  it('refuses a roles file with a duplicate code and keeps the old roles', async () => {
    const orgId = await sampleOrg(store);
    const before = await importFootprint(store, orgId);
    const attempt = importRoles(
      store.db,
      orgId,
      textSource('roles.csv', 'Code,Role,Aliases\nDCS,Director,\ndcs,Other,'),
    );
    await expect(attempt).rejects.toThrow(ImportError);
    await expect(attempt).rejects.toThrow(
      /row 3, column A \(Code\): role dcs appears twice \(also on row 2\)/,
    );
    expect(await importFootprint(store, orgId)).toEqual(before);
  });
});
