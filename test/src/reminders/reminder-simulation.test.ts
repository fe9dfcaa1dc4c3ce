import { beforeAll, expect, it } from 'vitest';
import { reminderMessages } from '../../../cards/reminder-messages.js';
import { addDays, type IsoDate, zonedInstant } from '../../../src/calendar/iso-date.js';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../../src/calendar/working-days.js';
import type { Store } from '../../../src/db/connect.js';
import { loadSamplePlan, SAMPLE_DIR } from '../../../src/plan/sample-plan.js';
import { listEscalations } from '../../../src/reminders/escalation.repository.js';
import { reminderDay } from '../../../src/reminders/reminder.job.js';
import { runReminders } from '../../../src/reminders/reminder.service.js';
import { policyOf } from '../../../src/reminders/reminder-policy.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';
import { testConfig } from '../../support/test-app.js';

const TZ = 'Europe/London';
/** Tue 1 Dec 2026: the 60 days run over Christmas, Boxing Day (Mon 28 Dec) and New Year's Day. */
const START: IsoDate = '2026-12-01';
const DAYS = 60;
const config = testConfig();
const policy = policyOf(config);

/** The policy written out plainly, as the oracle the run is checked against. */
function fires(due: IsoDate, today: IsoDate): boolean {
  const left = workingDaysBetween(today, due);
  if (left > 0) return [14, 7, 1].includes(left);
  return left === 0 || -left % 5 === 0;
}

describeStores('reminders over 60 simulated days', (kind) => {
  let store: Store;
  let orgId: string;
  const ran: IsoDate[] = [];

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await createOrg(store);
    const importedAt = zonedInstant(START, '08:00', TZ);
    await loadSamplePlan(store.db, orgId, importedAt, SAMPLE_DIR, { demoDates: { timeZone: TZ } });
    for (let d = 0; d < DAYS; d++) {
      const date = addDays(START, d);
      const now = zonedInstant(date, config.REMINDER_TIME, TZ);
      const today = reminderDay(now, config);
      if (!today) continue;
      ran.push(today);
      await runReminders(store.db, orgId, { today, now, timeZone: TZ, policy, messages: reminderMessages });
      // A restart or a second copy running the same day adds nothing.
      if (d % 7 === 1)
        await runReminders(store.db, orgId, { today, now, timeZone: TZ, policy, messages: reminderMessages });
    }
  });

  it('runs on working days only: no weekends, no bank holidays', () => {
    expect(ran.every(isWorkingDay)).toBe(true);
    expect(ran).not.toContain('2026-12-25');
    expect(ran).not.toContain('2026-12-28');
    expect(ran).not.toContain('2027-01-01');
    // 44 weekdays from 1 Dec to 29 Jan, less Christmas Day, Boxing Day (substitute, Mon 28 Dec) and New Year's Day.
    expect(ran.length).toBe(41);
  });

  it('sends exactly the reminders the policy says, one bundled card per owner per day', async () => {
    const actions = await store.db
      .selectFrom('actions')
      .select(['id', 'ref', 'due_date'])
      .where('org_id', '=', orgId)
      .execute();
    const holders = await store.db
      .selectFrom('action_owner_roles as aor')
      .innerJoin('role_assignments as ra', 'ra.role_code', 'aor.role_code')
      .select(['aor.action_id', 'ra.person_id'])
      .where('ra.org_id', '=', orgId)
      .execute();
    const expected = new Map<string, string[]>();
    for (const today of ran) {
      for (const a of actions.filter((x) => fires(x.due_date, today))) {
        for (const h of holders.filter((x) => x.action_id === a.id)) {
          const k = `${today}:${h.person_id}`;
          expected.set(k, [...new Set([...(expected.get(k) ?? []), a.ref])].sort());
        }
      }
    }
    const reminders = await store.db
      .selectFrom('reminders')
      .select(['person_id', 'reminder_date', 'triggers'])
      .where('org_id', '=', orgId)
      .execute();
    const actual = new Map(
      reminders.map((r) => [`${r.reminder_date}:${r.person_id}`, r.triggers.map((t) => t.ref).sort()]),
    );
    expect(actual).toEqual(expected);
    expect(expected.size).toBeGreaterThan(20);

    const outbox = await store.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'person_id'])
      .where('org_id', '=', orgId)
      .where('kind', '=', 'reminder')
      .execute();
    expect(outbox.map((o) => o.idempotency_key.replace('reminder:', '')).sort()).toEqual(
      [...expected.keys()].sort(),
    );
  });

  it('escalates each overdue action to every programme lead once, on its 5th working day overdue', async () => {
    const actions = await store.db
      .selectFrom('actions')
      .select(['id', 'ref', 'due_date'])
      .where('org_id', '=', orgId)
      .execute();
    const last = ran.at(-1) as IsoDate;
    const due = actions
      .map((a) => ({ ref: a.ref, on: addWorkingDays(a.due_date, 5) }))
      .filter((x) => x.on <= last)
      .sort((a, b) => a.on.localeCompare(b.on) || a.ref.localeCompare(b.ref));
    expect(due.length).toBeGreaterThan(5);
    const escalations = await listEscalations(store.db, orgId, START, last);
    expect(
      escalations
        .map((e) => ({ ref: e.ref, on: e.escalatedOn }))
        .sort((a, b) => a.on.localeCompare(b.on) || a.ref.localeCompare(b.ref)),
    ).toEqual(due);
    expect(escalations.every((e) => e.workingDaysOverdue === 5)).toBe(true);

    const leads = await store.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', orgId)
      .where('access', 'in', ['lead', 'admin'])
      .execute();
    const outbox = await store.db
      .selectFrom('outbox')
      .select('idempotency_key')
      .where('org_id', '=', orgId)
      .where('kind', '=', 'escalation')
      .execute();
    const days = [...new Set(due.map((d) => d.on))];
    expect(outbox.map((o) => o.idempotency_key).sort()).toEqual(
      days.flatMap((d) => leads.map((l) => `escalation:${d}:${l.id}`)).sort(),
    );
  });
});
