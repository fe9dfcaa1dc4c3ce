import { beforeAll, expect, it } from 'vitest';
import { addWorkingDays } from '../../../src/calendar/working-days.js';
import type { Store } from '../../../src/db/connect.js';
import { DEMO_LEAD_DAYS } from '../../../src/reminders/demo-dates.js';
import { demoDatesCli, sampleLoadCli } from '../../../src/reminders/sample.cli.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('sample load --demo-dates', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  const dueDates = async (orgId: string) =>
    (
      await store.db
        .selectFrom('actions')
        .select('due_date')
        .where('org_id', '=', orgId)
        .orderBy('due_date')
        .execute()
    ).map((r) => r.due_date);

  it('moves the sample plan’s 2020 due dates into the weeks after today, in order', async () => {
    const orgId = await createOrg(store);
    const app = testApp(store, orgId, { clock: new ManualClock(new Date('2026-11-25T16:00:00Z')) });
    const out: string[] = [];
    expect(await sampleLoadCli.run(['--demo-dates'], { app, orgId, out: (l) => out.push(l) })).toBe(0);
    expect(out[0]).toContain('due dates moved into the coming weeks');
    const dates = await dueDates(orgId);
    expect(dates).toHaveLength(50);
    expect(dates[0]).toBe(addWorkingDays('2026-11-25', DEMO_LEAD_DAYS));
    expect(dates.filter((d) => d <= '2027-01-31').length).toBeGreaterThan(30);
    const audit = await store.db
      .selectFrom('audit_log')
      .select('change')
      .where('org_id', '=', orgId)
      .where('change', '=', 'demo_dates')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('leaves the plan’s dates alone without the option; `demo dates` moves them later', async () => {
    const orgId = await createOrg(store);
    const app = testApp(store, orgId, { clock: new ManualClock(new Date('2026-11-25T16:00:00Z')) });
    await sampleLoadCli.run([], { app, orgId, out: () => {} });
    expect((await dueDates(orgId))[0]).toBe('2020-03-31');
    await demoDatesCli.run([], { app, orgId, out: () => {} });
    expect((await dueDates(orgId))[0]).toBe(addWorkingDays('2026-11-25', DEMO_LEAD_DAYS));
  });
});
