import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { importPlan } from '../../../src/plan/import-files.js';
import { parsePlan } from '../../../src/plan/parse-plan.js';
import { applyPlan } from '../../../src/plan/plan-import.service.js';
import { readTable } from '../../../src/plan/read-table.js';
import { SAMPLE_DIR } from '../../../src/plan/sample-plan.js';
import { RoleDirectory } from '../../../src/roster/role-directory.js';
import { loadRoles } from '../../../src/roster/roles-import.js';
import { generatedPlan, planContent } from '../../support/plan-content.js';
import { sampleOrg, textSource } from '../../support/plan-fixtures.js';
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

  it('imports and re-imports a plan larger than one statement could take as rows of bind parameters', async () => {
    // 7,000 actions × 11 columns = 77,000 values; PostgreSQL allows 65,535 bind parameters per statement.
    const orgId = await sampleOrg(store);
    const plan = textSource('big.csv', generatedPlan(7_000));
    const first = await importPlan(store.db, orgId, plan, { actor: 'test' }, later);
    const again = await importPlan(store.db, orgId, plan, { actor: 'test' }, later);

    expect(first.added.length + first.changed.length).toBe(7_000);
    expect(first.withdrawn).toEqual([]);
    expect(again).toMatchObject({ added: [], changed: [], withdrawn: [], unchanged: 7_000 });
    const content = await planContent(store, orgId);
    expect(content.actions).toHaveLength(7_000);
    // Every third action has 1 measure, 0 or 2, and 1 owner, 2 or 2 (2,334 + 2,333 + 2,333 actions).
    expect(content.measures).toHaveLength(2_334 + 2 * 2_333);
    expect(content.owners).toHaveLength(2_334 + 2 * 2_333 + 2 * 2_333);
  });
});
