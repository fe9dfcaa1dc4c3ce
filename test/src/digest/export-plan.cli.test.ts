import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { cliCommands } from '../../../src/cli/commands.js';
import { runCli } from '../../../src/cli/run-cli.js';
import type { Store } from '../../../src/db/connect.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('npm run cli -- export plan', (kind) => {
  let store: Store;
  let orgId: string;
  const dir = mkdtempSync(join(tmpdir(), 'pp-export-'));
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
  });

  async function cli(...argv: string[]) {
    const lines: string[] = [];
    const app = testApp(store, orgId, { clock: new ManualClock(new Date('2020-06-08T09:00:00Z')) });
    const code = await runCli(cliCommands, argv, { app, orgId, out: (l) => lines.push(l) });
    return { code, text: lines.join('\n') };
  }

  it('writes the XLSX workbook to --out', async () => {
    const out = join(dir, `board-${kind}.xlsx`);
    const { code, text } = await cli(
      'export',
      'plan',
      '--format',
      'xlsx',
      '--from',
      '2020-05-01',
      '--to',
      '2020-06-01',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(text).toContain(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(book.getWorksheet('Actions')!.rowCount).toBe(51);
  });

  it('writes a CSV limited to one priority area', async () => {
    const out = join(dir, `area-${kind}.csv`);
    expect(
      (await cli('export', 'plan', '--format', 'csv', '--area', 'Workforce Capacity', '--out', out)).code,
    ).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(11);
  });

  it.each([
    [['--format', 'xlsx', '--from', '2020-13-01'], 2, 'Cannot export: from: expected a date as YYYY-MM-DD'],
    [
      ['--format', 'xlsx', '--from', '2020-06-05', '--to', '2020-06-01'],
      2,
      'Cannot export: the period starts on 2020-06-05',
    ],
    [['--format', 'docx'], 2, 'Cannot export: format: expected xlsx or csv'],
    [[], 2, '--format is required'],
    [['--format'], 2, '--format needs a value'],
    [['--format', 'csv', '--colour', 'red'], 2, 'unexpected --colour'],
  ])('export plan %j exits %i: %s', async (args, exit, message) => {
    const { code, text } = await cli('export', 'plan', ...args);
    expect(code).toBe(exit);
    expect(text).toContain(message);
  });
});
