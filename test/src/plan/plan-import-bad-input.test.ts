import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { ImportError } from '../../../src/plan/import-error.js';
import { importPlan, type SourceFile } from '../../../src/plan/import-files.js';
import { SAMPLE_DIR } from '../../../src/plan/sample-plan.js';
import { fixture, importFootprint, sampleOrg, textSource } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const samplePlan = readFileSync(join(SAMPLE_DIR, 'children-at-the-heart-plan.csv'), 'utf8');
const [header, ...rows] = samplePlan.trimEnd().split(/\r?\n/);
const now = new Date('2020-03-02T09:00:00Z');

async function xlsxOf(lines: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const cases: [string, () => Promise<SourceFile> | SourceFile, RegExp][] = [
  [
    'an unclosed quote',
    () => textSource('plan.csv', `${header}\n${rows[0]}\n"Social Work Practice,1,unclosed`),
    /plan\.csv, row 3: not a readable CSV file: a quoted cell is never closed/,
  ],
  [
    'a missing header',
    () => textSource('plan.csv', `${header!.replace('By Whom', 'Owner Name')}\n${rows[0]}`),
    /plan\.csv, row 1: the header has no "By Whom" column/,
  ],
  [
    'no header at all',
    () => textSource('plan.csv', rows.slice(0, 3).join('\n')),
    /the header has no "Priority Area" column/,
  ],
  [
    'an XLSX that is not a spreadsheet',
    () => fixture('plan/not-a-spreadsheet.xlsx'),
    /not-a-spreadsheet\.xlsx: not an Excel workbook/,
  ],
  ['an empty file', () => textSource('plan.csv', ''), /plan\.csv: the file is empty/],
  [
    'a header with no actions',
    () => textSource('plan.csv', `${header}\n`),
    /the plan has a header but no actions/,
  ],
  [
    'duplicate action refs',
    () => textSource('plan.csv', [header, ...rows, rows[0]].join('\n')),
    /row 52, column D \(Action\): action 1a appears twice \(also on row 2\)/,
  ],
  [
    'an unparseable date',
    () =>
      textSource(
        'plan.csv',
        [header, rows[0]!.replace('April 2020', 'Spring-ish'), ...rows.slice(1)].join('\n'),
      ),
    /row 2, column F \(By When\): "Spring-ish" is not a date/,
  ],
  [
    'a 10 MB cell',
    () =>
      textSource(
        'plan.csv',
        [header, rows[0]!.replace('PiP in place.', `"${'x'.repeat(10 * 1024 * 1024)}"`)].join('\n'),
      ),
    /row 2, column G \(Monitoring\): the cell holds 10,485,760 characters; at most 8,000 are accepted/,
  ],
  [
    'an action without its letter',
    () => textSource('plan.csv', [header, rows[0]!.replace('a) Agree', 'Agree')].join('\n')),
    /row 2, column D \(Action\): the action does not start with its letter/,
  ],
  [
    'an XLSX with a bad date',
    async () => ({
      name: 'plan.xlsx',
      content: await xlsxOf([
        header!.split(','),
        ['Area', '1', 'Objective', 'a) Do it', 'DCS', 'Soonish', ''],
      ]),
    }),
    /plan\.xlsx, row 2, column F \(By When\): "Soonish" is not a date/,
  ],
];

describeStores('plan import refuses bad input and changes nothing', (kind) => {
  let store: Store;
  let orgId: string;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
  });

  it.each(cases)('%s', async (_name, source, message) => {
    const before = await importFootprint(store, orgId);
    const attempt = importPlan(store.db, orgId, await source(), { actor: 'test' }, now);
    await expect(attempt).rejects.toThrow(ImportError);
    await expect(attempt).rejects.toThrow(message);
    expect(await importFootprint(store, orgId)).toEqual(before);
  });

  it('imports a real XLSX in the plan shape', async () => {
    const content = await xlsxOf([
      header!.split(','),
      [
        'New Area',
        '12',
        'A new objective',
        'a) Do the new thing.',
        'DCS / DCIS',
        'March 2021',
        'Done. It works',
      ],
    ]);
    const report = await importPlan(
      store.db,
      await sampleOrg(store),
      { name: 'plan.xlsx', content },
      { actor: 'test' },
      now,
    );
    expect(report.added).toEqual(['12a']);
    expect(report.withdrawn).toHaveLength(50);
  });
});
