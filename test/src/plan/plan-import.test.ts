import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { describeImport, importPlan } from '../../../src/plan/import-files.js';
import { SAMPLE_DIR } from '../../../src/plan/sample-plan.js';
import { importFootprint, sampleOrg, textSource } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const samplePlan = readFileSync(join(SAMPLE_DIR, 'children-at-the-heart-plan.csv'), 'utf8');
const later = new Date('2020-03-02T09:00:00Z');

describeStores('plan import', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('imports the sample plan: 50 actions under 11 objectives in 2 priority areas', async () => {
    const orgId = await sampleOrg(store);
    const plan = await store.db
      .selectFrom('plans')
      .select('id')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const areas = await store.db
      .selectFrom('priority_areas')
      .select('name')
      .where('plan_id', '=', plan.id)
      .execute();
    const objectives = await store.db
      .selectFrom('objectives')
      .select('number')
      .where('plan_id', '=', plan.id)
      .execute();
    const actions = await store.db.selectFrom('actions').select('ref').where('org_id', '=', orgId).execute();
    expect(areas).toHaveLength(2);
    expect(objectives).toHaveLength(11);
    expect(actions).toHaveLength(50);
  });

  it('keeps owners, deadlines and measures as in the source', async () => {
    const orgId = await sampleOrg(store);
    const action = (ref: string) =>
      store.db
        .selectFrom('actions')
        .select(['id', 'text', 'due_date', 'owners_text'])
        .where('org_id', '=', orgId)
        .where('ref', '=', ref)
        .executeTakeFirstOrThrow();
    const roles = async (ref: string) =>
      (
        await store.db
          .selectFrom('action_owner_roles')
          .select('role_code')
          .where('action_id', '=', (await action(ref)).id)
          .orderBy('ordinal')
          .execute()
      ).map((r) => r.role_code);

    const a2a = await action('2a');
    expect(a2a.text).toMatch(/^Develop a business case for a future operating model/);
    expect(a2a.owners_text).toBe('DCS/SLT PIP Team');
    expect(a2a.due_date).toBe('2020-09-30');
    expect(await roles('2a')).toEqual(['DCS', 'PIP']);
    expect(await roles('2c')).toEqual(['DCS', 'SLT', 'HR']);
    expect(await roles('8a')).toEqual(['CEO', 'DCS']);
    expect(await roles('10b')).toEqual(['DCIS', 'Head of CSW']);
    expect(await roles('11b')).toEqual(['PIP']);
    expect((await action('9b')).due_date).toBe('2020-09-30');
    expect((await action('1a')).due_date).toBe('2020-04-30');
    expect((await action('1a')).text).toBe('Agree Partner in Practice support with DfE.');

    const measures = await store.db
      .selectFrom('measures')
      .select(['text', 'is_health_check', 'statement_id'])
      .where('action_id', '=', (await action('6a')).id)
      .orderBy('ordinal')
      .execute();
    expect(measures).toEqual([
      {
        text: '% of cases where there is evidence of supervision in the last 42 days',
        is_health_check: false,
        statement_id: null,
      },
      {
        text: '% of social work colleagues who report in the CIS Health Check that they have regular supervision',
        is_health_check: true,
        statement_id: 'regular-supervision',
      },
      {
        text: '% of social work colleagues who report in the CIS Health Check that the supervision that they have is of benefit to them',
        is_health_check: true,
        statement_id: 'supervision-benefit',
      },
    ]);
    const noMeasures = await store.db
      .selectFrom('measures')
      .select('id')
      .where('action_id', '=', (await action('6b')).id)
      .execute();
    expect(noMeasures).toEqual([]);
  });

  it('ties every Health Check statement to the plan measure it feeds, one marked "(NEW)" too', async () => {
    const orgId = await sampleOrg(store);
    const links = await store.db
      .selectFrom('measures as m')
      .innerJoin('actions as a', 'a.id', 'm.action_id')
      .select(['a.ref', 'm.statement_id'])
      .where('a.org_id', '=', orgId)
      .where('m.is_health_check', '=', true)
      .orderBy('a.ref')
      .orderBy('m.ordinal')
      .execute();
    expect(links.map((l) => `${l.ref} ${l.statement_id}`)).toEqual([
      '3a vision',
      '3a practice-model',
      '3c signs-of-safety',
      '4a training-benefit',
      '6a regular-supervision',
      '6a supervision-benefit',
      '7a audit-learning',
    ]);
  });

  it('reports no change when the same plan is imported again, and changes nothing', async () => {
    const orgId = await sampleOrg(store);
    const before = await importFootprint(store, orgId);
    const report = await importPlan(
      store.db,
      orgId,
      textSource('plan.csv', samplePlan),
      { actor: 'test' },
      later,
    );
    expect(report).toMatchObject({ added: [], changed: [], withdrawn: [], unchanged: 50 });
    expect(describeImport(report)).toMatch(/^no change/);
    expect(await importFootprint(store, orgId)).toEqual(before);
  });

  it('updates changed actions, adds new ones, withdraws removed ones and keeps their history', async () => {
    const orgId = await sampleOrg(store);
    const lines = samplePlan.split('\n');
    const revised = lines
      .filter((l) => !l.includes('d) Recruit contact workers.'))
      .map((l) => (l.includes('a) Agree Partner in Practice') ? l.replace('April 2020', 'June 2020') : l))
      .map((l) => (l.includes('b) Source a Practice Improvement') ? l.replace(',DCS,', ',DCS/DCIS,') : l));
    revised.push(
      'Social Work Practice,1,There is sufficient capacity for strong leadership of immediate and ongoing practice improvement.,g) Appoint a practice lead.,DCIS,Dec 2020,Practice lead in post.',
    );
    const report = await importPlan(
      store.db,
      orgId,
      textSource('revised.csv', revised.join('\n')),
      { actor: 'test' },
      later,
    );
    expect(report.changed).toEqual([
      { ref: '1a', fields: ['due date'] },
      { ref: '1b', fields: ['owners'] },
    ]);
    expect(report.added).toEqual(['1g']);
    expect(report.withdrawn).toEqual(['10d']);
    expect(describeImport(report)).toContain('2 actions changed, 1 action added, 1 action withdrawn');
    const withdrawn = await store.db
      .selectFrom('actions')
      .select(['state', 'withdrawn_at'])
      .where('org_id', '=', orgId)
      .where('ref', '=', '10d')
      .executeTakeFirstOrThrow();
    expect(withdrawn.state).toBe('withdrawn');
    const again = await importPlan(
      store.db,
      orgId,
      textSource('revised.csv', revised.join('\n')),
      { actor: 'test' },
      later,
    );
    expect(again).toMatchObject({ added: [], changed: [], withdrawn: [], unchanged: 50 });
  });

  it('reports owners that match no role by name with the actions that use them, and still imports', async () => {
    const orgId = await sampleOrg(store);
    const revised = samplePlan.replace(',HR,April 2020', ',HR/Head of Fostering,April 2020');
    const report = await importPlan(
      store.db,
      orgId,
      textSource('plan.csv', revised),
      { actor: 'test' },
      later,
    );
    expect(report.unknownRoles).toEqual([{ name: 'Head of Fostering', actions: ['11d'] }]);
    expect(describeImport(report)).toContain('unknown role "Head of Fostering"');
  });
});

describe('describeImport', () => {
  it('lists each changed action with its fields', () => {
    const text = describeImport({
      added: ['1g'],
      changed: [{ ref: '3a', fields: ['text', 'due date'] }],
      withdrawn: [],
      unchanged: 48,
      unknownRoles: [],
    });
    expect(text).toBe('1 action changed, 1 action added\n  changed 3a: text, due date\n  added: 1g');
  });
});
