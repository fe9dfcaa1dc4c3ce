import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { ImportError } from '../../../src/plan/import-error.js';
import { importPlan, importRoles, readSource } from '../../../src/plan/import-files.js';
import { SAMPLE_DIR } from '../../../src/plan/sample-plan.js';
import { textSource } from '../../support/plan-fixtures.js';
import { createOrg, testStore } from '../../support/store.js';
import { testStoreKinds } from '../../support/store-settings.js';

/** 1,000 runs take ~8 s on an idle 2-core machine; the margin is for a machine shared with other test runs. */
const PROPERTY_TIMEOUT_MS = 90_000;

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
/** Mostly plausible cells (so some files import and the write path runs), sometimes junk. */
const cellOf = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: junk, weight: 1 });
const cell = {
  area: cellOf(fc.constantFrom('Social Work Practice', 'Workforce Capacity')),
  objectiveNo: cellOf(
    fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 12 }).map(String), weight: 4 },
      { arbitrary: fc.constantFrom('-3', '0', '1.5', 'one', ''), weight: 1 },
    ),
  ),
  objective: cellOf(fc.constantFrom('Capacity is stable.', 'Practice is good.')),
  action: cellOf(fc.constantFrom('a) Do it.', 'b) Do more.', '(c) Again.', 'd) And again.', 'Do it.')),
  owners: cellOf(fc.constantFrom('DCS', 'HR', 'DCS/SLT', 'Head of S&I / Head of Comms', 'Nobody')),
  due: cellOf(
    fc.oneof(
      { arbitrary: fc.constantFrom('April 2020', 'Sept 2020', '31/03/2020', 'Feb 2021'), weight: 4 },
      { arbitrary: fc.constantFrom('Ongoing', '2020-13-01', 'Sometime'), weight: 1 },
    ),
  ),
  monitoring: cellOf(fc.constantFrom('', 'PiP in place.', '% of staff who report in the CIS Health Check')),
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
    { arbitrary: fc.constant(HEADER), weight: 4 },
    { arbitrary: fc.shuffledSubarray(HEADER, { minLength: 0 }), weight: 1 },
    { arbitrary: fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }), weight: 1 },
  ),
  rows: fc.array(row, { maxLength: 4 }),
  raw: fc.boolean(),
  name: fc.constantFrom('plan.csv', 'plan.CSV', 'plan.xlsx', 'plan'),
});

/** What an import writes, in one cheap query: the plan's rows and audit entries, and every action's fields. */
async function planFingerprint(store: Store, orgId: string): Promise<string> {
  const { rows } = await sql<{ f: string }>`select concat_ws(':',
      (select count(*) from plans where org_id = ${orgId}),
      (select count(*) from audit_log where org_id = ${orgId}),
      (select md5(coalesce(string_agg(concat_ws('|', id, ref, text, owners_text, due_date, state), ','
        order by id), '')) from actions where org_id = ${orgId})) as f`.execute(store.db);
  return rows[0]!.f;
}

describe('property: random plan files (CSV text) through importPlan', () => {
  let store: Store;
  let orgId: string;
  let last: string;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await createOrg(store, 'Import Property Council');
    await importRoles(store.db, orgId, await readSource(join(SAMPLE_DIR, 'roles.csv')));
    last = await planFingerprint(store, orgId);
  });

  it(
    'imports or refuses with row-located ImportErrors, and a refusal changes nothing',
    async () => {
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(file, async ({ header, rows, raw, name }) => {
          const text = [csvLine(header, raw), ...rows.map((r) => csvLine(r, raw))].join('\n');
          const before = last;
          try {
            await importPlan(store.db, orgId, textSource(name, text), { actor: 'property test' }, new Date());
            imported++;
            last = await planFingerprint(store, orgId);
          } catch (error) {
            if (!(error instanceof ImportError)) throw error;
            expect(error.message).toMatch(/^Nothing was imported\./);
            expect(error.issues.length).toBeGreaterThan(0);
            for (const issue of error.issues) {
              // why: only whole-file problems may lack a row; everything else must say where to look.
              if (issue.row === undefined) expect(issue.message).toMatch(FILE_LEVEL);
            }
            last = await planFingerprint(store, orgId);
            expect(last).toBe(before);
          }
        }),
        { numRuns: 1_000 },
      );
      // why: the generator must also reach the write path, or "a refusal changes nothing" proves little.
      expect(imported).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );

  // why: found by the property above: PostgreSQL text cannot hold U+0000, and the insert failed with a
  // database error instead of a located ImportError.
  it('refuses a NUL character in a cell with its row and column, changing nothing', async () => {
    const before = await planFingerprint(store, orgId);
    const text = `${HEADER.join(',')}\nWorkforce Capacity,1,Capacity.,a) Do\u0000 it.,HR,April 2020,`;
    const error = await importPlan(
      store.db,
      orgId,
      textSource('plan.csv', text),
      { actor: 't' },
      new Date(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues).toEqual([
      { row: 2, column: 'D', message: 'contains a NUL character, which is not text' },
    ]);
    expect(await planFingerprint(store, orgId)).toBe(before);
  });
});
