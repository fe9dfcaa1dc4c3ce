import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import type { TabDashboard } from '../../../src/http/tab-api.types.js';
import type { ManualClock } from '../../../src/shared/clock.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { addSocialWorkers, closedRound } from '../../support/tab-pulse-rounds.js';
import { startTabServer, type TabServer } from '../../support/tab-server.js';

/** Issue 6: a group of 4 (above the floor of 3, below the default threshold of 5) shows no figure in the tab. */
describeStores('tab API: a Health Check round only 4 answered', (kind) => {
  let store: Store;
  let tab: TabServer;
  let get: (path: string) => Promise<Response>;
  beforeAll(async () => {
    store = await testStore(kind);
    tab = await startTabServer(store);
    const people = await addSocialWorkers(store, tab.orgId, 12);
    await closedRound(store, tab.orgId, people, {
      opensOn: '2020-05-11',
      answering: 4,
      closeAt: '2020-05-16T00:05:00Z',
    });
    (tab.app.clock as ManualClock).set(new Date('2020-05-18T08:30:00Z'));
    const token = await tab.tokenFor(SAMPLE.lead);
    get = (path) => fetch(`${tab.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  });
  afterAll(() => tab.close());

  it('the dashboard names the round but gives no count, rate or percentage', async () => {
    const { pulse } = (await (await get('/api/tab/plan')).json()) as TabDashboard;
    expect(pulse?.rounds).toEqual([expect.objectContaining({ responseRate: null, responded: null })]);
    expect(pulse?.statements.length).toBe(7);
    expect(pulse?.statements.every((s) => s.values.every((v) => v === null))).toBe(true);
    expect(JSON.stringify(pulse)).not.toMatch(/:4\b|"4"/);
  });

  it('the XLSX export keeps every figure of that round blank and says why', async () => {
    const res = await get('/api/tab/export?format=xlsx');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    book.getWorksheet('Health Check')!.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(7);
    for (const r of rows) {
      expect(r[3]).toBe(25); // asked: the audience (the sample's 13 social workers and 12 more), not answers
      expect(r.slice(4, 15).filter((v) => v !== undefined && v !== null)).toEqual([]);
      expect(r[15]).toBe('Not shown: fewer than 5 answered');
    }
  });
});
