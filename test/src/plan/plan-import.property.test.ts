import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { ImportError } from '../../../src/plan/import-error.js';
import { importPlan, importRoles, readSource } from '../../../src/plan/import-files.js';
import { SAMPLE_DIR } from '../../../src/plan/sample-plan.js';
import { textSource } from '../../support/plan-fixtures.js';
import { createOrg, testStore } from '../../support/store.js';
import { storeFingerprint } from '../../support/store-fingerprint.js';
import { testStoreKinds } from '../../support/store-settings.js';

/** Problems about the whole file, which have no row to point at. */
const FILE_LEVEL = /file|header|no actions|spreadsheet|xlsx|workbook|sheet/i;

const HEADER = ['Priority Area', 'Objective No', 'Objective', 'Action', 'By Whom', 'By When', 'Monitoring'];

const junk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '=HYPERLINK("https://evil.example")',
    '+1',
    '@SUM(A1)',
  ),
  fc.constantFrom('<script>x</script>', "'; drop table actions; --", '\u0000', '\uFEFF', 'x'.repeat(9_000)),
);
const cell = {
  area: fc.oneof(fc.constantFrom('Social Work Practice', 'Workforce Capacity'), junk),
  objectiveNo: fc.oneof(
    fc.integer({ min: -3, max: 30 }).map(String),
    fc.constantFrom('1.5', 'one', ''),
    junk,
  ),
  objective: fc.oneof(fc.constantFrom('Capacity is stable.', 'Practice is good.'), junk),
  action: fc.oneof(fc.constantFrom('a) Do it.', 'b) Do more.', '(c) Again.', 'a) Do it.'), junk),
  owners: fc.oneof(fc.constantFrom('DCS', 'HR', 'DCS/SLT', 'Head of S&I / Head of Comms', 'Nobody'), junk),
  due: fc.oneof(
    fc.constantFrom('April 2020', 'Sept 2020', '31/03/2020', 'Ongoing', 'Feb 2021', '2020-13-01'),
    junk,
  ),
  monitoring: fc.oneof(
    fc.constantFrom('', 'PiP in place.', '% of staff who report in the CIS Health Check'),
    junk,
  ),
};
const row = fc.tuple(
  cell.area,
  cell.objectiveNo,
  cell.objective,
  cell.action,
  cell.owners,
  cell.due,
  cell.monitoring,
);

/** Quotes cells as a spreadsheet would, or (sometimes) joins them raw, giving malformed CSV. */
const csvLine = (cells: string[], raw: boolean) =>
  raw ? cells.join(',') : cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');

const file = fc.record({
  header: fc.oneof(
    fc.constant(HEADER),
    fc.shuffledSubarray(HEADER, { minLength: 0 }),
    fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }),
  ),
  rows: fc.array(row, { maxLength: 6 }),
  raw: fc.boolean(),
  name: fc.constantFrom('plan.csv', 'plan.CSV', 'plan.xlsx', 'plan'),
});

describe('property: random plan files (CSV text) through importPlan', () => {
  let store: Store;
  let orgId: string;
  let last: string;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await createOrg(store, 'Import Property Council');
    await importRoles(store.db, orgId, await readSource(join(SAMPLE_DIR, 'roles.csv')));
    last = await storeFingerprint(store, orgId);
  });

  it('imports or refuses with row-located ImportErrors, and a refusal changes nothing', async () => {
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(file, async ({ header, rows, raw, name }) => {
        const text = [csvLine(header, raw), ...rows.map((r) => csvLine(r, raw))].join('\n');
        const before = last;
        try {
          await importPlan(store.db, orgId, textSource(name, text), { actor: 'property test' }, new Date());
          imported++;
          last = await storeFingerprint(store, orgId);
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          expect(error.message).toMatch(/^Nothing was imported\./);
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) {
            // why: only whole-file problems may lack a row; everything else must say where to look.
            if (issue.row === undefined) expect(issue.message).toMatch(FILE_LEVEL);
          }
          last = await storeFingerprint(store, orgId);
          expect(last).toBe(before);
        }
      }),
      { numRuns: 1_000 },
    );
    // why: the generator must also reach the write path, or "a refusal changes nothing" proves little.
    expect(imported).toBeGreaterThan(0);
  });
});
