import { beforeAll, describe, expect, it } from 'vitest';
import { reminderMessages } from '../../../cards/reminder-messages.js';
import type { Store } from '../../../src/db/connect.js';
import { runReminders } from '../../../src/reminders/reminder.service.js';
import { policyOf } from '../../../src/reminders/reminder-policy.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp, testConfig } from '../../support/test-app.js';
import { buttonOf, validCard } from './update-test-kit.js';

const owner = { aadObjectId: SAMPLE.owner, name: 'PSW' };
/** Fri 20 Mar 2020, 09:31 GMT: 1d, 7c and 10e (due Tue 31 Mar) are 7 working days away. */
const NOW = new Date('2020-03-20T09:31:00Z');

describeStores('reminder card journey', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  let reminder: Record<string, unknown> & { body: unknown[] };

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    const app = testApp(store, orgId, { clock: new ManualClock(NOW) });
    bot = botHarness(app, orgId);
    await bot.say('hello', owner); // the owner's 1:1 is captured, as when the app is installed
    await runReminders(store.db, orgId, {
      today: '2020-03-20',
      now: new Date('2020-03-20T09:30:00Z'),
      timeZone: 'Europe/London',
      policy: policyOf(testConfig()),
      messages: reminderMessages,
    });
    const person = await store.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', orgId)
      .where('aad_object_id', '=', SAMPLE.owner)
      .executeTakeFirstOrThrow();
    const row = await store.db
      .selectFrom('outbox')
      .select(['payload', 'idempotency_key'])
      .where('org_id', '=', orgId)
      .where('person_id', '=', person.id)
      .where('kind', '=', 'reminder')
      .executeTakeFirstOrThrow();
    expect(row.idempotency_key).toBe(`reminder:2020-03-20:${person.id}`);
    reminder = cardOf(row.payload as never);
  });

  it('bundles the owner’s actions due soon into one valid card with five answers each', () => {
    validCard(reminder);
    const text = cardText(reminder);
    expect(text).toContain('3 actions due in the next 14 working days');
    expect(text).toContain('**7c**');
    expect(text).toContain('Due 31 Mar 2020 · due in 7 working days');
    expect(text).toContain('Judged by:');
    expect(text).toContain('Last update: No update yet');
    expect(reminder.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'reminder.show' },
      userIds: [SAMPLE.owner],
    });
    for (const title of ['On track', 'Update', 'Done', 'Need help', 'Request new date']) {
      expect(buttonOf(reminder, title, '7c').data).toMatchObject({ actionId: expect.any(String) });
    }
    // why: clients without universal actions send the Action.Submit fallback, with the same verb and data.
    const { data, raw } = buttonOf(reminder, 'On track', '7c');
    expect(raw.fallback).toEqual({ type: 'Action.Submit', title: 'On track', data });
  });

  it('records On track in one tap and replaces the card; a second tap records nothing more', async () => {
    const { verb, data } = buttonOf(reminder, 'On track', '7c');
    const first = await bot.execute(verb, data, owner);
    const card = validCard(first.invokeResponse?.body.value);
    expect(cardText(card)).toContain('7c recorded as on track (0%) at 09:31');
    expect(() => buttonOf(card, 'On track', '7c')).toThrow();
    expect(buttonOf(card, 'On track', '1d')).toBeTruthy();

    await bot.execute(verb, data, owner);
    const updates = await store.db
      .selectFrom('status_updates')
      .innerJoin('actions', 'actions.id', 'status_updates.action_id')
      .select(['status_updates.kind', 'status_updates.rag'])
      .where('actions.org_id', '=', orgId)
      .where('actions.ref', '=', '7c')
      .execute();
    expect(updates).toEqual([{ kind: 'on_track', rag: 'green' }]);
  });

  it('opens the update form in place and records the submit (Action.Submit fallback)', async () => {
    const open = buttonOf(reminder, 'Update', '1d');
    const shown = await bot.submit(open.data, owner);
    const form = validCard(cardOf(shown.updates[0]));
    expect(cardText(form)).toContain('Update: 1d');
    const submit = buttonOf(form, 'Submit');
    const done = await bot.submit(
      {
        ...submit.data,
        rag: 'amber',
        percent: '60',
        narrative: 'Draft plan **shared** <b>today</b>',
        evidenceUrl: '',
        blockers: '',
      },
      owner,
    );
    const summary = validCard(cardOf(done.updates[0]));
    const text = cardText(summary);
    expect(text).toContain('1d recorded: Amber (at risk), 60% at 09:31');
    expect(text).toContain('Draft plan \\*\\*shared\\*\\* ‹b›today‹/b›');
    const action = await store.db
      .selectFrom('actions')
      .select(['rag', 'percent', 'last_update_at'])
      .where('org_id', '=', orgId)
      .where('ref', '=', '1d')
      .executeTakeFirstOrThrow();
    expect(action).toMatchObject({ rag: 'amber', percent: 60, last_update_at: NOW });
  });

  it('shows the update on `action 1d`, with the buttons the owner may use', async () => {
    const { replies } = await bot.say('action 1d', owner);
    const card = validCard(cardOf(replies[0]));
    expect(cardText(card)).toContain('Amber (at risk), 60%, today');
    expect(buttonOf(card, 'Update').verb).toBe('update.form');
  });

  describe('Back', () => {
    it('returns from a form to the reminder as it stands', async () => {
      const open = buttonOf(reminder, 'Need help', '10e');
      const form = (await bot.execute(open.verb, open.data, owner)).invokeResponse?.body.value;
      const back = buttonOf(form, 'Back');
      const again = validCard((await bot.execute(back.verb, back.data, owner)).invokeResponse?.body.value);
      expect(cardText(again)).toContain('✓ 7c recorded as on track');
      expect(buttonOf(again, 'Need help', '10e')).toBeTruthy();
    });
  });
  it('asks for a new date from the reminder and shows it waiting there', async () => {
    const open = buttonOf(reminder, 'Request new date', '10e');
    const form = (await bot.execute(open.verb, open.data, owner)).invokeResponse?.body.value;
    const send = buttonOf(form, 'Send for approval');
    const sent = await bot.execute(
      send.verb,
      { ...send.data, newDate: '2020-04-30', reason: 'Recruitment freeze' },
      owner,
    );
    const card = validCard(sent.invokeResponse?.body.value);
    // The last open action answered: the reminder gives way to the notice.
    expect(cardText(card)).toContain('Waiting for approval');
    expect(cardText(card)).toContain('10e: new date 30 Apr 2020 requested, waiting for approval');
    const again = await bot.execute(
      send.verb,
      { ...send.data, newDate: '2020-04-30', reason: 'Recruitment freeze' },
      owner,
    );
    expect(cardText(again.invokeResponse?.body.value)).toContain('waiting for approval');
    const requests = await store.db
      .selectFrom('date_requests')
      .select('id')
      .where('org_id', '=', orgId)
      .execute();
    expect(requests).toHaveLength(1);
  });
});
