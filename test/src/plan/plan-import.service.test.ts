import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { parsePlan } from '../../../src/plan/parse-plan.js';
import { applyPlan } from '../../../src/plan/plan-import.service.js';
import { readTable } from '../../../src/plan/read-table.js';
import { SAMPLE_DIR } from '../../../src/plan/sample-plan.js';
import { RoleDirectory } from '../../../src/roster/role-directory.js';
import { loadRoles } from '../../../src/roster/roles-import.js';
import { planContent } from '../../support/plan-content.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const samplePlan = readFileSync(join(SAMPLE_DIR, 'children-at-the-heart-plan.csv'), 'utf8');
const later = new Date('2020-03-02T09:00:00Z');

describeStores('applyPlan', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('leaves the store as it was when a write fails after others succeeded', async () => {
    const orgId = await sampleOrg(store);
    const revised = samplePlan
      .replace('a) Agree Partner in Practice support with DfE.', 'a) Agree Partner in Practice support.')
      .concat('\nNew Area,12,A new objective,a) Do the new thing.,DCS,March 2021,Done.');
    const table = await readTable('plan.csv', Buffer.from(revised));
    const draft = parsePlan('plan.csv', table, new RoleDirectory(await loadRoles(store.db, orgId)));
    // The new action names a role twice: its owner rows break the primary key, after the structure, the
    // changed action, the new action and the cleared owners and measures have been written.
    const added = draft.actions.find((a) => a.ref === '12a')!;
    added.ownerRoles = ['DCS', 'DCS'];
    const before = await planContent(store, orgId);

    const attempt = store.db
      .transaction()
      .execute((trx) =>
        applyPlan(trx, orgId, draft, { name: 'Plan', file: 'plan.csv', actor: 'test' }, later),
      );

    await expect(attempt).rejects.toThrow(/duplicate key/);
    expect(await planContent(store, orgId)).toEqual(before);
  });
});
