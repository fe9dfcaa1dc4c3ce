import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { composeDigest } from '../../../src/digest/digest.service.js';
import { ExportRequestError } from '../../../src/digest/export-request.js';
import { buildPlanExport } from '../../../src/digest/plan-export.js';
import { listActions } from '../../../src/plan/action.repository.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { answerAll, socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';
import { type FixtureUpdate, recordUpdates } from './digest-fixtures.js';

const NOW = new Date('2020-06-08T07:30:00Z');
const SETTINGS = { timeZone: 'Europe/London', minGroup: 5 };
const UPDATES: FixtureUpdate[] = [
  { ref: '1a', rag: 'red', percent: 40, at: '2020-05-31T22:59:00Z' }, // 31 May 23:59 BST: before the period
  { ref: '1a', rag: 'red', percent: 45, at: '2020-05-31T23:00:00Z' }, // 1 June 00:00 BST: first moment in it
  { ref: '1b', rag: 'amber', percent: 30, at: '2020-06-02T10:00:00Z' },
  { ref: '2a', rag: 'green', percent: 60, at: '2020-06-05T16:00:00Z' },
  { ref: '2b', rag: 'green', percent: 100, at: '2020-06-06T10:00:00Z', kind: 'done' },
];

async function workbook(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

describeStores('plan export', (kind) => {
  let store: Store;
  let orgId: string;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    await recordUpdates(store.db, orgId, UPDATES);
  });

  it('XLSX: one row per action with the digest’s figures, real dates, widths, frozen header and RAG fills with words', async () => {
    const file = await buildPlanExport(
      store.db,
      orgId,
      { format: 'xlsx', from: '2020-06-01', to: '2020-06-07' },
      NOW,
      SETTINGS,
    );
    expect(file.filename).toBe('plan-2020-06-08.xlsx');
    expect(file.contentType).toContain('spreadsheetml');
    const book = await workbook(file.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'Actions', 'Updates', 'Health Check']);
    const sheet = book.getWorksheet('Actions')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBe(60);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Ref',
      'Priority area',
      'Action',
      'Owner',
      'Due date',
      'Status',
      '% complete',
      'Last update',
      'Working days overdue',
      'No update in 30 days',
    ]);
    const actions = await listActions(store.db, orgId);
    expect(sheet.rowCount - 1).toBe(actions.length);

    const digest = await composeDigest(store.db, orgId, {
      now: NOW,
      timeZone: SETTINGS.timeZone,
      minGroup: 5,
    });
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && rows.set(String(row.getCell(1).value), row));
    for (const a of digest.overdue) expect(rows.get(a.ref)?.getCell(9).value, a.ref).toBe(a.daysOverdue);
    const statuses = [...rows.values()].map((r) => String(r.getCell(6).value));
    expect(statuses.filter((s) => s === 'Green (on track)')).toHaveLength(digest.headline.onTrack);
    expect(statuses.filter((s) => s === 'Red (off track)')).toHaveLength(digest.headline.offTrack);
    expect(statuses.filter((s) => s === 'Complete')).toHaveLength(digest.headline.complete);
    expect([...rows.values()].filter((r) => typeof r.getCell(9).value === 'number')).toHaveLength(
      digest.headline.overdue,
    );

    const row1a = rows.get('1a')!;
    expect(row1a.getCell(5).value).toEqual(new Date('2020-04-30T00:00:00Z'));
    expect(row1a.getCell(5).numFmt).toBe('dd mmm yyyy');
    expect(row1a.getCell(8).value).toEqual(new Date('2020-06-01T00:00:00Z')); // wall clock, BST
    expect(row1a.getCell(6).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(rows.get('1b')!.getCell(6).fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
  });

  it('XLSX: the Updates sheet holds exactly the updates in the period (local dates, both ends included)', async () => {
    const file = await buildPlanExport(
      store.db,
      orgId,
      { format: 'xlsx', from: '2020-06-01', to: '2020-06-05' },
      NOW,
      SETTINGS,
    );
    const sheet = (await workbook(file.body)).getWorksheet('Updates')!;
    const refs: string[] = [];
    sheet.eachRow((row, n) => n > 1 && refs.push(`${row.getCell(2).value}:${row.getCell(6).value}`));
    const from = new Date('2020-05-31T23:00:00Z');
    const to = new Date('2020-06-05T23:00:00Z');
    const expected = UPDATES.filter((u) => new Date(u.at) >= from && new Date(u.at) < to).map(
      (u) => `${u.ref}:${u.percent}`,
    );
    expect(refs).toEqual(expected);
    expect(refs).toEqual(['1a:45', '1b:30', '2a:60']);
  });

  it('CSV: the actions, one row each, with status words and ISO dates', async () => {
    const file = await buildPlanExport(store.db, orgId, { format: 'csv' }, NOW, SETTINGS);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const rows: Record<string, string>[] = parse(file.body, { columns: true, bom: true });
    expect(rows).toHaveLength((await listActions(store.db, orgId)).length);
    expect(rows.find((r) => r.Ref === '2b')).toMatchObject({
      Status: 'Complete',
      'Working days overdue': '',
    });
    expect(rows.find((r) => r.Ref === '1a')).toMatchObject({
      Status: 'Red (off track)',
      'Due date': '2020-04-30',
    });
  });

  it.each([
    [{ format: 'xlsx', from: '2020-02-30' }, 'from: expected a date as YYYY-MM-DD'],
    [{ format: 'xlsx', from: 'last week' }, 'from: expected a date'],
    [{ format: 'xlsx', from: '2020-06-05', to: '2020-06-01' }, 'starts on 2020-06-05, after it ends'],
    [{ format: 'csv', to: '2020-07-01' }, 'after today (2020-06-08)'],
    [{ format: 'pdf' }, 'format: expected xlsx or csv'],
  ])('refuses %j with a clear message', async (request, message) => {
    const attempt = buildPlanExport(store.db, orgId, request as never, NOW, SETTINGS);
    await expect(attempt).rejects.toThrow(ExportRequestError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('a plan with zero actions exports headers only', async () => {
    const empty = await createOrg(store);
    const csv = await buildPlanExport(store.db, empty, { format: 'csv' }, NOW, SETTINGS);
    expect(csv.body.toString('utf8').trim().split('\r\n')).toHaveLength(1);
    const book = await workbook(
      (await buildPlanExport(store.db, empty, { format: 'xlsx' }, NOW, SETTINGS)).body,
    );
    expect(book.getWorksheet('Actions')!.rowCount).toBe(1);
    expect(book.getWorksheet('Summary')!.getCell('A1').value).toBe('Improvement plan');
  });
});

describeStores('plan export: Health Check by round', (kind) => {
  it('lists every closed round and statement; a round under the threshold shows no figure, only why', async () => {
    const store = await testStore(kind);
    const { orgId, people } = await socialWorkerOrg(store, { A: 10 });
    for (const [opensOn, answering] of [
      ['2025-10-06', 7],
      ['2025-11-03', 4],
    ] as const) {
      const round = await openRound(
        store.db,
        orgId,
        { actor: 'test' },
        { today: opensOn, openDays: 5, minGroup: 5 },
        new Date(`${opensOn}T09:00:00Z`),
      );
      await answerAll(store, orgId, round.id, people.slice(0, answering), opensOn);
      await closeRound(
        store.db,
        orgId,
        round.id,
        'test',
        new Date(new Date(`${opensOn}T23:00:00Z`).getTime() + 6 * 86_400_000),
      );
    }
    const file = await buildPlanExport(
      store.db,
      orgId,
      { format: 'xlsx' },
      new Date('2025-11-20T10:00:00Z'),
      SETTINGS,
    );
    const sheet = (await workbook(file.body)).getWorksheet('Health Check')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    const [shown, hidden] = [
      rows.filter((r) => r[15] === undefined || r[15] === null),
      rows.filter((r) => typeof r[15] === 'string'),
    ];
    expect(shown.length).toBeGreaterThan(0);
    expect(hidden).toHaveLength(shown.length);
    for (const r of shown) {
      expect(r[4]).toBe(7);
      expect(r[5]).toBe(70);
      expect(typeof r[7]).toBe('number');
    }
    for (const r of hidden) {
      expect(r[15]).toBe('Not shown: fewer than 5 answered');
      expect(r.slice(4, 15).filter((v) => v !== undefined && v !== null)).toEqual([]);
    }
  });
});
