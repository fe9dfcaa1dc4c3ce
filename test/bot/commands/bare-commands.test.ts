import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHOW_ACTION_VERB, SHOW_HISTORY_VERB } from '../../../cards/choose-action.card.js';
import { OPEN_FORM_VERB } from '../../../cards/update-buttons.js';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { newId } from '../../../src/shared/ids.js';
import { botHarness, cardOf, cardText, type Sender } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';
import { buttonOf, footprint, validCard } from '../card-actions/update-test-kit.js';

const owner: Sender = { aadObjectId: SAMPLE.owner };
const stranger: Sender = { aadObjectId: SAMPLE.stranger };
const socialWorker: Sender = { aadObjectId: SAMPLE.socialWorker };

const BARE = ['update', 'done', 'history', 'action', 'snooze', 'delegate'] as const;
/** The owner's actions, soonest due first (as `my actions` lists them). */
const OWNERS = ['1d', '7c', '10e', '7f', '8c', '3d', '6e', '7b', '8d', '8e'];

/** The refs a card lists, in order: "**7c** · …" lines and FactSet titles. */
const refsOf = (text: string) =>
  [...text.matchAll(/^(?:\*\*)?(\d{1,2}[a-z])(?:\*\*)?$|^\*\*(\d{1,2}[a-z])\*\* ·/gm)].map(
    (m) => m[1] ?? m[2],
  );

/**
 * Teams' command menu sends a command's title alone (`update`, `done` …): each asks which action, with the
 * sender's own actions as buttons that carry on the same flow, or (snooze, delegate) says how to type it.
 */
describeStores('commands picked from the Teams command menu, without a ref', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  const say = async (text: string, sender = owner, harness = bot) => {
    const { replies } = await harness.say(text, sender);
    expect(replies).toHaveLength(1);
    return validCard(cardOf(replies[0]));
  };
  /** An Action.Execute tap on a button, as Teams sends it; the card it answers replaces the tapped one. */
  const tap = async (button: { verb: string; data: Record<string, unknown> }, sender = owner) =>
    validCard((await bot.execute(button.verb, button.data, sender)).invokeResponse?.body.value);

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    // Friday 20 March 2020: 1d, 7c and 10e are due on 31 March; none of the owner's is overdue.
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-20T10:00:00Z')) }),
      orgId,
    );
  });

  it('`update` lists the sender’s open actions, soonest due first; a tap opens that action’s form, which records', async () => {
    const card = await say('update');
    const text = cardText(card);
    expect(text).toContain('Which action do you want to update?');
    expect(refsOf(text)).toEqual(OWNERS);
    expect(text).toContain('Due 31 Mar 2020 · due in 7 working days');
    expect(text).toContain('Or type `update ‹ref›`, for example `update 1d`.');
    const form = await tap(buttonOf(card, 'Update 7f', '7f'));
    expect(cardText(form)).toContain('Update: 7f');
    const submit = buttonOf(form, 'Submit');
    const recorded = await tap({
      verb: submit.verb,
      data: { ...submit.data, rag: 'amber', percent: '30', narrative: 'Options paper drafted' },
    });
    expect(cardText(recorded)).toContain('7f recorded: Amber (at risk), 30% at 10:00');
  });

  it('works with the Action.Submit fallback too: the chosen form replaces the question in place', async () => {
    const card = await say('update');
    const fallback = buttonOf(card, 'Update 8c', '8c').raw.fallback as { data: Record<string, unknown> };
    const { replies, updates } = await bot.submit(fallback.data, owner, 'question-card');
    expect(replies).toEqual([]);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.id).toBe('question-card');
    expect(cardText(validCard(cardOf(updates[0])))).toContain('Update: 8c');
  });

  it('`done` opens the done form for the action tapped; once complete it is no longer offered to update, but its history is', async () => {
    const card = await say('done');
    expect(cardText(card)).toContain('Which action is done?');
    const form = await tap(buttonOf(card, 'Done 10e', '10e'));
    expect(cardText(form)).toContain('Mark as done: 10e');
    const submit = buttonOf(form, 'Submit');
    const done = await tap({
      verb: submit.verb,
      data: { ...submit.data, narrative: 'Two posts filled', evidenceUrl: 'https://council.example/10e' },
    });
    expect(cardText(done)).toContain('10e recorded as done (complete)');
    expect(refsOf(cardText(await say('update')))).toEqual(OWNERS.filter((r) => r !== '10e'));
    expect(refsOf(cardText(await say('done')))).toEqual(OWNERS.filter((r) => r !== '10e'));

    const history = await say('history');
    expect(refsOf(cardText(history))).toEqual(OWNERS);
    const shown = cardText(await tap(buttonOf(history, 'History of 10e', '10e')));
    expect(shown).toContain('History of 10e');
    expect(shown).toContain('Two posts filled');
  });

  it('`action` opens the action card for the action tapped, with its update buttons', async () => {
    const card = await say('action');
    expect(cardText(card)).toContain('Which action?');
    const shown = await tap(buttonOf(card, 'Open 7c', '7c'));
    expect(cardText(shown)).toMatch(/^7c · Review moderation arrangements/);
    expect(buttonOf(shown, 'On track').data.actionId).toBe(
      (await findActionByRef(store.db, orgId, '7c'))!.id,
    );
  });

  it('`snooze` says how, with the refs that can be snoozed: not those due today or overdue', async () => {
    const text = cardText(await say('snooze'));
    expect(text).toContain('Type `snooze ‹ref› ‹working days›`, for example `snooze 1d 3`');
    expect(refsOf(text)).toEqual(OWNERS.filter((r) => r !== '10e'));
    // Wednesday 1 April: 1d and 7c (due 31 March) are overdue, so only later ones can be snoozed.
    const later = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-04-01T10:00:00Z')) }),
      orgId,
    );
    const april = cardText(await say('snooze', owner, later));
    expect(refsOf(april)).toEqual(['7f', '8c', '3d', '6e', '7b', '8d', '8e']);
    expect(cardText(await say('update', owner, later))).toContain(
      'Due 31 Mar 2020 · overdue by 1 working day',
    );
  });

  it('`delegate` says how, with the actions the sender owns; one delegated to them is theirs to update, not to delegate', async () => {
    const text = cardText(await say('delegate'));
    expect(text).toContain('Type `delegate ‹ref› to ‹name or email›`');
    expect(text).toContain('`delegate 1d to me` takes it back');
    expect(refsOf(text)).toEqual(OWNERS.filter((r) => r !== '10e'));

    expect(cardText(await say('delegate 8e to cin1.duty@council.example'))).toContain('8e delegated');
    expect(refsOf(cardText(await say('update', socialWorker)))).toEqual(['8e']);
    const theirs = cardText(await say('delegate', socialWorker));
    expect(theirs).toContain('You own no open actions, so there is nothing to delegate.');
    expect(refsOf(theirs)).toEqual([]);
    expect(cardText(await say('delegate 8e to me'))).toContain('You have 8e back');
  });

  describe.each(BARE)('`%s`', (command) => {
    it('answers someone not on the roster politely, with no plan data', async () => {
      const text = cardText(await say(command, stranger));
      expect(text).toContain("I don't know you yet");
      expect(text).not.toMatch(/\d+[a-z]\b/);
    });

    it('tells someone on the roster with no actions why there is nothing to choose', async () => {
      const card = await say(command, socialWorker);
      const text = cardText(card);
      expect(text).toMatch(/You have no (open )?actions|You own no open actions/);
      expect(text).toContain('Actions come to you when you hold one of their owner roles');
      expect(JSON.stringify(card)).not.toContain('Action.Execute');
    });

    it('is answered only in the 1:1 chat', async () => {
      const text = cardText(await say(command, { ...owner, conversationType: 'groupChat' }));
      expect(text).toContain("Let's do that in our 1:1 chat");
      expect(text).not.toMatch(/\d+[a-z]\b/);
    });
  });

  describe('tampered button data changes nothing and shows nothing', () => {
    let before: Awaited<ReturnType<typeof footprint>>;
    let notOwn: string;
    let own: string;
    beforeAll(async () => {
      notOwn = (await findActionByRef(store.db, orgId, '1a'))!.id; // a DCS action
      own = (await findActionByRef(store.db, orgId, '7c'))!.id;
    });
    beforeEach(async () => {
      before = await footprint(store, orgId);
    });

    it.each([SHOW_HISTORY_VERB, SHOW_ACTION_VERB])(
      '%s with another person’s action id: a polite refusal',
      async (verb) => {
        for (const actionId of [notOwn, newId()]) {
          const text = cardText(await tap({ verb, data: { verb, actionId } }));
          expect(text).toContain('Nothing was changed');
          expect(text).toContain('That action is not one you can see.');
          expect(text).not.toContain('1a');
        }
        expect(await footprint(store, orgId)).toEqual(before);
      },
    );

    it.each([SHOW_HISTORY_VERB, SHOW_ACTION_VERB])(
      '%s with an id that is not one, or from a stranger',
      async (verb) => {
        expect(cardText(await tap({ verb, data: { verb, actionId: '7c' } }))).toContain(
          'This card refers to an action that does not exist.',
        );
        const text = cardText(await tap({ verb, data: { verb, actionId: own } }, stranger));
        expect(text).toContain("I don't know you yet");
        expect(text).not.toContain('7c');
        expect(await footprint(store, orgId)).toEqual(before);
      },
    );

    it('an update or done button changed to another person’s action opens no form', async () => {
      for (const mode of ['update', 'done']) {
        const data = { verb: OPEN_FORM_VERB, actionId: notOwn, mode };
        const text = cardText(await tap({ verb: OPEN_FORM_VERB, data }));
        expect(text).toContain('That action is not one you can update.');
        expect(text).not.toContain('Submit');
      }
      expect(await footprint(store, orgId)).toEqual(before);
    });
  });
});
