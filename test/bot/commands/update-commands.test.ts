import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { dueStatus } from '../../../src/plan/due-status.js';
import { logReminder } from '../../../src/reminders/reminder.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText, type Sender } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';
import { buttonOf, footprint, validCard } from '../card-actions/update-test-kit.js';

const owner: Sender = { aadObjectId: SAMPLE.owner };
const lead: Sender = { aadObjectId: SAMPLE.lead };

describeStores('update, done, snooze, delegate, history and plain-text answers', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  const say = async (text: string, sender = owner) => {
    const { replies } = await bot.say(text, sender);
    return validCard(cardOf(replies[0]));
  };

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-20T10:00:00Z')) }),
      orgId,
    );
  });

  it('`reminders` shows today’s reminder card now; the same card again later in the day', async () => {
    const card = await say('reminders');
    expect(cardText(card)).toContain('3 actions due in the next 14 working days');
    const onTrack = buttonOf(card, 'On track', '10e');
    expect(onTrack.data.reminderId).toEqual(expect.any(String));
    expect(buttonOf(await say('remind me'), 'On track', '10e').data.reminderId).toBe(onTrack.data.reminderId);
    expect(cardText(await say('reminders', { aadObjectId: SAMPLE.socialWorker }))).toContain(
      'Nothing due soon',
    );
  });

  it('`update 7f` shows the form; the submit is recorded', async () => {
    const form = await say('update 7f');
    expect(cardText(form)).toContain('Update: 7f');
    const submit = buttonOf(form, 'Submit');
    const { invokeResponse } = await bot.execute(
      submit.verb,
      { ...submit.data, rag: 'red', percent: '10', narrative: 'Recruitment paused' },
      owner,
    );
    expect(cardText(invokeResponse?.body.value)).toContain('7f recorded: Red (off track), 10% at 10:00');
  });

  it('`done 3d` asks for evidence, completes the action, and a lead can reopen it', async () => {
    const form = await say('done 3d');
    const submit = buttonOf(form, 'Submit');
    const noEvidence = await bot.execute(submit.verb, { ...submit.data, narrative: '' }, owner);
    expect(cardText(noEvidence.invokeResponse?.body.value)).toContain('Say what was delivered');
    const done = await bot.execute(
      submit.verb,
      { ...submit.data, narrative: 'Signed off by DCS', evidenceUrl: 'https://council.example/3d' },
      owner,
    );
    expect(cardText(done.invokeResponse?.body.value)).toContain('3d recorded as done (complete)');
    expect(await findActionByRef(store.db, orgId, '3d')).toMatchObject({ state: 'complete', percent: 100 });

    const ownerView = await say('action 3d');
    expect(() => buttonOf(ownerView, 'Reopen')).toThrow();
    const leadView = await say('action 3d', lead);
    const reopen = buttonOf(leadView, 'Reopen');
    const reopened = await bot.execute(reopen.verb, reopen.data, lead);
    expect(cardText(reopened.invokeResponse?.body.value)).toContain('3d reopened');
    expect(await findActionByRef(store.db, orgId, '3d')).toMatchObject({ state: 'open', rag: 'amber' });
  });

  it('Need help records the request and tells the programme leads', async () => {
    const view = await say('action 6e');
    const open = buttonOf(view, 'Need help');
    const form = (await bot.execute(open.verb, open.data, owner)).invokeResponse?.body.value;
    const send = buttonOf(form, 'Send');
    const sent = await bot.execute(
      send.verb,
      { ...send.data, blockers: 'Need HR to approve the post' },
      owner,
    );
    expect(cardText(sent.invokeResponse?.body.value)).toContain(
      '6e: your request for help went to the programme leads',
    );
    const notices = await store.db
      .selectFrom('outbox')
      .select('payload')
      .where('org_id', '=', orgId)
      .where('idempotency_key', 'like', 'help:%')
      .execute();
    expect(notices.length).toBe(3);
    expect(cardText(cardOf(notices[0]!.payload as never))).toContain('Need HR to approve the post');
  });

  it('`snooze 7b 3` pauses reminders for 3 working days, never past the day before it is due', async () => {
    expect(cardText(await say('snooze 7b 3'))).toContain(
      'No reminders about 7b until the end of 25 Mar 2020',
    );
    const snooze = await store.db
      .selectFrom('snoozes')
      .select('until_date')
      .where('org_id', '=', orgId)
      .execute();
    expect(snooze).toEqual([{ until_date: '2020-03-25' }]);
    expect(cardText(await say('snooze 7b 0'))).toContain('Snooze for 1 to 20 working days');
  });

  it('`delegate 8c to <person>` is for owners; the delegate can then update; `to me` takes it back', async () => {
    expect(cardText(await say('delegate 8c to dcs@council.example', lead))).toContain(
      'Only an owner of the action can delegate it.',
    );
    expect(cardText(await say('delegate 8c to nobody@nowhere.example'))).toContain('No one by that name');
    const worker: Sender = { aadObjectId: SAMPLE.socialWorker };
    expect(cardText(await say('update 8c', worker))).toContain('No action 8c for you');
    expect(cardText(await say('delegate 8c to cin1.duty@council.example'))).toContain(
      'Social Worker (CiN Team 1 duty mailbox) now gets the reminders for 8c',
    );
    expect(cardText(await say('update 8c', worker))).toContain('Update: 8c');
    const told = await store.db
      .selectFrom('outbox')
      .select('payload')
      .where('org_id', '=', orgId)
      .where('idempotency_key', 'like', 'delegated:%')
      .execute();
    expect(told).toHaveLength(1);
    const card = validCard(cardOf(told[0]!.payload as never));
    expect(cardText(card)).toContain('Principal Social Worker (acting Head of S&I) delegated 8c to you');
    expect(buttonOf(card, 'Update').verb).toBe('update.form');
    expect(cardText(await say('delegate 8c to me'))).toContain('You have 8c back');
    expect(cardText(await say('update 8c', worker))).toContain('No action 8c for you');
  });

  it('`history 7f` lists who updated, when and what they said', async () => {
    const text = cardText(await say('history 7f'));
    expect(text).toContain('History of 7f');
    expect(text).toContain('Red (off track), 10%');
    expect(text).toContain('Recruitment paused');
  });

  it('refuses people who may not act, politely, and changes nothing', async () => {
    const before = await footprint(store, orgId);
    for (const command of ['update 7c', 'done 7c', 'snooze 7c 2', 'history 7c']) {
      expect(cardText(await say(command, { aadObjectId: SAMPLE.socialWorker }))).toContain(
        'No action 7c for you',
      );
    }
    expect(cardText(await say('update 1a'))).toContain('No action 1a for you');
    expect(cardText(await say('delegate 1a to me'))).toContain('Only an owner');
    expect(cardText(await say('update 7c', { aadObjectId: SAMPLE.stranger }))).toContain(
      "I don't know you yet",
    );
    expect(await footprint(store, orgId)).toEqual(before);
  });

  describe('answering in words', () => {
    it('confirms what it will record and records nothing until Save', async () => {
      const before = await footprint(store, orgId);
      const card = await say('10e on track, business support interviews booked');
      const text = cardText(card);
      expect(text).toContain('Record this for 10e?');
      expect(text).toContain('Green (on track)');
      expect(text).toContain('0% (as last time)');
      expect(await footprint(store, orgId)).toEqual(before);
      const save = buttonOf(card, 'Save');
      const saved = await bot.execute(save.verb, save.data, owner);
      expect(cardText(saved.invokeResponse?.body.value)).toContain(
        '10e recorded: Green (on track), 0% at 10:00',
      );
      await bot.execute(save.verb, save.data, owner);
      expect((await footprint(store, orgId)).updates).toBe(before.updates + 1);
    });

    it('Edit opens the form with what the words said', async () => {
      const card = await say('1d at risk, 40%, comms lead off sick');
      const edit = buttonOf(card, 'Edit');
      const form = (await bot.execute(edit.verb, edit.data, owner)).invokeResponse?.body.value;
      expect(JSON.stringify(form)).toContain('"value":"amber"');
      expect(JSON.stringify(form)).toContain('"value":"40"');
      expect(cardText(form)).toContain('comms lead off sick');
    });

    it('asks which action when the words name none and several could be meant', async () => {
      const card = await say('good progress this week, on track');
      expect(cardText(card)).toContain('Which action is this about?');
      const choose = buttonOf(card, '1d');
      const confirm = await bot.execute(choose.verb, choose.data, owner);
      expect(cardText(confirm.invokeResponse?.body.value)).toContain('Record this for 1d?');
    });

    it('takes the only action the last reminder covered when the words name none', async () => {
      const dcs: Sender = { aadObjectId: SAMPLE.dcs };
      const action = await findActionByRef(store.db, orgId, '1b');
      const person = await store.db
        .selectFrom('people')
        .select('id')
        .where('org_id', '=', orgId)
        .where('aad_object_id', '=', SAMPLE.dcs)
        .executeTakeFirstOrThrow();
      const item = { action: action!, due: dueStatus(action!.dueDate, 'open', '2020-03-20') };
      await logReminder(store.db, orgId, person.id, [item], {
        today: '2020-03-19',
        now: new Date('2020-03-19T09:30:00Z'),
      });
      const text = cardText(await say('interim AD starts Monday, on track', dcs));
      expect(text).toContain('Record this for 1b?');
      // why: a bare "done" is also a menu command; in reply to a reminder about one action it is an answer.
      const done = cardText(await say('done', dcs));
      expect(done).toContain('Record this for 1b?');
      expect(done).toMatch(/complete/i);
    });

    it('keeps answers and reminders to the 1:1 chat', async () => {
      const inChannel: Sender = { ...owner, conversationType: 'channel' };
      expect(cardText(await say('7c on track', inChannel))).toContain('Answer reminders in our 1:1 chat');
      expect(cardText(await say('reminders', inChannel))).toContain('See your reminders in our 1:1 chat');
    });

    it('leaves a mistyped command to help instead of reading it as an answer', async () => {
      // A bare `history` (as Teams' command menu sends it) asks which action: bare-commands.test.ts.
      for (const text of ['snooze 7c', 'update 7c please', 'history of 7c']) {
        expect(cardText(await say(text))).toContain("Sorry, I didn't understand that.");
      }
    });

    it('says so when the action named is not the sender’s', async () => {
      expect(cardText(await say('1a done'))).toContain('No action 1a that you can update');
    });
  });
});
