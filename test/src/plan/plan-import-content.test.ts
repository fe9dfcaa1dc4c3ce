import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { importPlan } from '../../../src/plan/import-files.js';
import { SAMPLE_DIR, sampleStatementMeasures } from '../../../src/plan/sample-plan.js';
import { generatedPlan, planContent } from '../../support/plan-content.js';
import { sampleOrg, textSource } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

/*
 * What an import writes, compared with snapshots taken when import still wrote one row per statement:
 * the batched import must leave exactly the same store content (areas, objectives, actions, owners,
 * measures, audit) after a first import, a revision and a reinstatement.
 */
const SNAPSHOTS = join(import.meta.dirname, '__snapshots__');
const samplePlan = readFileSync(join(SAMPLE_DIR, 'children-at-the-heart-plan.csv'), 'utf8');
const statements = sampleStatementMeasures();
const at = (day: number) => new Date(Date.UTC(2020, 2, day, 9));

/** The sample plan with every kind of change an import knows: text, owners, due date, measures, area, removal. */
function revisedSample(): string {
  return [
    ...samplePlan
      .split('\n')
      .filter((l) => !l.includes('d) Recruit contact workers.'))
      .map((l) =>
        l.replace('a) Agree Partner in Practice support with DfE.', 'a) Agree Partner in Practice support.'),
      )
      .map((l) =>
        l.includes('b) Source a Practice Improvement')
          ? l.replace(',DCS,', ',DCS/DCIS/Head of Fostering,')
          : l,
      )
      .map((l) => (l.includes('c) Review and agree interim') ? l.replace('March 2020', 'Sept 2020') : l))
      .map((l) =>
        l.replace(
          'Interim structure implemented.',
          'Interim structure implemented. Permanent structure agreed.',
        ),
      )
      .map((l) => l.replace('Workforce Capacity,', 'Workforce,')),
    'Social Work Practice,1,There is sufficient capacity for strong leadership of immediate and ongoing practice improvement.,g) Appoint a practice lead.,DCIS,Dec 2020,Practice lead in post.',
  ].join('\n');
}

const digest = (content: unknown) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** A step's whole content as a digest, with the audit's change lines so a difference can be read. */
function summary({
  step,
  content,
}: {
  step: string;
  content: Awaited<ReturnType<typeof planContent>>;
}): string {
  const changes = content.audit.map((e) => `  ${e.at} ${e.action} ${e.change}`);
  return [`${step}: ${digest(content)}`, ...changes].join('\n');
}

describeStores('plan import writes the same content as the row-by-row import', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('the sample plan, revised, then restored', async () => {
    const orgId = await sampleOrg(store, at(1));
    const steps = [{ step: 'first import', content: await planContent(store, orgId) }];
    const options = { actor: 'test', statements };
    await importPlan(store.db, orgId, textSource('revised.csv', revisedSample()), options, at(2));
    steps.push({ step: 'revised', content: await planContent(store, orgId) });
    await importPlan(store.db, orgId, textSource('plan.csv', samplePlan), options, at(3));
    steps.push({ step: 'restored', content: await planContent(store, orgId) });
    await expect(steps.map(summary).join('\n')).toMatchFileSnapshot(
      join(SNAPSHOTS, 'sample-plan-content.txt'),
    );
  });

  it('a 1,500-action plan, then a revision of it', async () => {
    const orgId = await sampleOrg(store, at(1));
    const options = { actor: 'test' };
    await importPlan(store.db, orgId, textSource('big.csv', generatedPlan(1_500)), options, at(2));
    const first = await planContent(store, orgId);
    await importPlan(store.db, orgId, textSource('big.csv', generatedPlan(1_400, true)), options, at(3));
    const revised = await planContent(store, orgId);
    expect({ actions: first.actions.length, audit: first.audit.length }).toEqual({
      actions: 1_500,
      audit: 1_550,
    });
    expect({ withdrawn: revised.actions.filter((a) => a.state === 'withdrawn').length }).toEqual({
      withdrawn: 100,
    });
    await expect(`${digest(first)}\n${digest(revised)}\n`).toMatchFileSnapshot(
      join(SNAPSHOTS, 'generated-plan-content.sha256'),
    );
  });
});
