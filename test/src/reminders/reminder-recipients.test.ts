import { beforeAll, expect, it } from 'vitest';
import { reminderMessages } from '../../../cards/reminder-messages.js';
import { resolveViewer, type Viewer } from '../../../src/access/viewer.js';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { runReminders } from '../../../src/reminders/reminder.service.js';
import { policyOf } from '../../../src/reminders/reminder-policy.js';
import { delegateAction } from '../../../src/updates/delegation.service.js';
import { snoozeAction } from '../../../src/updates/snooze.service.js';
import { recordStatusUpdate } from '../../../src/updates/status-update.service.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testConfig } from '../../support/test-app.js';

const policy = policyOf(testConfig());
/** Fri 20 Mar 2020, when the owner answers; 1d, 7c and 10e are due Tue 31 Mar. */
const AT = new Date('2020-03-20T10:00:00Z');

describeStores('who is reminded', (kind) => {
  let store: Store;
  let orgId: string;
  let owner: Viewer;
  let dcs: Viewer;

  const run = (today: string) =>
    runReminders(store.db, orgId, {
      today,
      now: new Date(`${today}T09:30:00Z`),
      timeZone: 'Europe/London',
      policy,
      messages: reminderMessages,
    });
  const remindersOn = async (today: string) => {
    const rows = await store.db
      .selectFrom('reminders')
      .select(['person_id', 'triggers', 'action_ids'])
      .where('org_id', '=', orgId)
      .where('reminder_date', '=', today)
      .execute();
    return new Map(rows.map((r) => [r.person_id, r.triggers.map((t) => t.ref).sort()]));
  };

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    owner = (await resolveViewer(store.db, orgId, SAMPLE.owner))!;
    dcs = (await resolveViewer(store.db, orgId, SAMPLE.dcs))!;
  });

  it('skips completed and snoozed actions, and sends delegated ones to the delegate instead', async () => {
    const d1 = (await findActionByRef(store.db, orgId, '1d'))!;
    await recordStatusUpdate(
      store.db,
      owner,
      { actionId: d1.id, rag: 'green', percent: 100, narrative: 'Done' },
      AT,
      {
        kind: 'done',
      },
    );
    await snoozeAction(store.db, owner, { ref: '7c', days: 10 }, { today: '2020-03-20', now: AT });
    await delegateAction(store.db, owner, { ref: '10e', to: 'dcs@council.example' }, AT);

    // Mon 30 Mar: 1 working day before 31 Mar.
    await run('2020-03-30');
    const sent = await remindersOn('2020-03-30');
    expect(sent.get(owner.person.id) ?? []).not.toContain('1d');
    expect(sent.get(owner.person.id) ?? []).not.toContain('7c');
    expect(sent.get(owner.person.id) ?? []).not.toContain('10e');
    expect(sent.get(dcs.person.id)).toContain('10e');
    expect([...sent.values()].flat()).not.toContain('1d');
  });

  it('sends the due-day reminder even after a snooze, and nothing twice on a rerun', async () => {
    await run('2020-03-31');
    const first = await remindersOn('2020-03-31');
    expect(first.get(owner.person.id)).toContain('7c');
    const again = await run('2020-03-31');
    expect(again.reminded).toBe(0);
    expect(await remindersOn('2020-03-31')).toEqual(first);
  });
});
