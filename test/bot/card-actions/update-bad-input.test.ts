import { beforeAll, beforeEach, expect, it } from 'vitest';
import { escapeText } from '../../../cards/card-kit.js';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { newId } from '../../../src/shared/ids.js';
import { botHarness, cardText, type Sender } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';
import { footprint, validCard } from './update-test-kit.js';

const owner: Sender = { aadObjectId: SAMPLE.owner };

describeStores('tampered and bad update submits', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  let own: string;
  let notOwn: string;
  let before: Awaited<ReturnType<typeof footprint>>;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-20T10:00:00Z')) }),
      orgId,
    );
    own = (await findActionByRef(store.db, orgId, '7c'))!.id;
    notOwn = (await findActionByRef(store.db, orgId, '1a'))!.id; // a DCS action
  });
  beforeEach(async () => {
    before = await footprint(store, orgId);
  });

  const form = (data: Record<string, unknown>) => ({
    actionId: own,
    mode: 'update',
    submitKey: newId(),
    rag: 'green',
    percent: '50',
    narrative: 'ok',
    evidenceUrl: '',
    blockers: '',
    ...data,
  });

  async function submitted(data: Record<string, unknown>, sender = owner) {
    const { invokeResponse } = await bot.execute('update.submit', form(data), sender);
    const card = validCard(invokeResponse?.body.value);
    expect(await footprint(store, orgId)).toEqual(before);
    return cardText(card);
  }

  it.each([
    ['an action the sender does not own', { actionId: 'NOT_OWN' }, 'not one you can update'],
    ['an action id from no plan of this organisation', { actionId: newId() }, 'not one you can update'],
    [
      'an id that is not an id',
      { actionId: "7c' or 1=1 --" },
      'This card refers to an action that does not exist',
    ],
    [
      'an unknown RAG value',
      { rag: 'purple' },
      'Choose a status: red (off track), amber (at risk) or green (on track).',
    ],
    ['percent 250', { percent: '250' }, 'Percent complete must be from 0 to 100.'],
    [
      'a percent that is not a number',
      { percent: 'most' },
      'Percent complete must be a number from 0 to 100.',
    ],
    ['a note over 2,000 characters', { narrative: 'x'.repeat(2_001) }, 'must be at most 2,000 characters'],
    ['a 20,000-character note', { narrative: 'x'.repeat(20_000) }, 'What was sent is too long'],
    [
      'a javascript: evidence link',
      { evidenceUrl: 'javascript:alert(1)' },
      'must be a web address starting with https://',
    ],
    [
      'a non-http evidence link',
      { evidenceUrl: 'ftp://files.example/report.pdf' },
      'must be a web address starting with https://',
    ],
    [
      'blockers over 1,000 characters',
      { blockers: 'b'.repeat(1_001) },
      'Blockers must be at most 1,000 characters.',
    ],
  ])('%s: says why, changes nothing', async (_case, data, message) => {
    // why: the table is built before beforeAll runs, so the other owner's action id is filled in here.
    const tampered = 'actionId' in data && data.actionId === 'NOT_OWN' ? { ...data, actionId: notOwn } : data;
    expect(await submitted(tampered)).toContain(message);
  });

  it('keeps what was typed when the form comes back with the problem', async () => {
    const text = await submitted({ percent: '250', narrative: 'Panel **booked**' });
    expect(text).toContain('Update: 7c');
    expect(text).toContain('Panel **booked**');
  });

  it('refuses someone not on the roster, a social worker and a lead’s tampered data alike, politely', async () => {
    expect(await submitted({}, { aadObjectId: SAMPLE.stranger })).toContain("I don't know you yet");
    expect(await submitted({}, { aadObjectId: SAMPLE.socialWorker })).toContain('not one you can update');
  });

  it('shows markdown and HTML in a note literally', async () => {
    const note = '# Heading [link](javascript:x) <img src=x onerror=alert(1)> _em_';
    const { invokeResponse } = await bot.execute('update.submit', form({ narrative: note }), owner);
    const text = cardText(validCard(invokeResponse?.body.value));
    expect(text).toContain(escapeText(note));
    expect(text).toContain('\\[link\\]');
    expect(text).toContain('‹img src=x onerror=alert(1)›');
    expect(text).not.toContain('<img');
  });

  it.each([
    ['in the past', '2020-03-02', 'The new date must be after today (20 Mar 2020).'],
    ['today', '2020-03-20', 'The new date must be after today (20 Mar 2020).'],
    ['not a date', '31/04/2020', 'The new date must be a date such as'],
    ['missing', '', 'The new date must be a date such as'],
  ])('a requested date %s: says why, changes nothing', async (_case, newDate, message) => {
    const { invokeResponse } = await bot.execute(
      'date.request',
      { actionId: own, submitKey: newId(), newDate, reason: 'Board moved' },
      owner,
    );
    expect(cardText(validCard(invokeResponse?.body.value))).toContain(message);
    expect(await footprint(store, orgId)).toEqual(before);
  });

  it('a date request for an action the sender does not own changes nothing', async () => {
    const { invokeResponse } = await bot.execute(
      'date.request',
      { actionId: notOwn, submitKey: newId(), newDate: '2020-06-30', reason: 'x' },
      owner,
    );
    expect(cardText(invokeResponse?.body.value)).toContain('not one you can update');
    expect(await footprint(store, orgId)).toEqual(before);
  });

  it('an owner cannot approve a date or reopen an action', async () => {
    const approve = await bot.execute('date.approve', { requestId: newId() }, owner);
    expect(cardText(approve.invokeResponse?.body.value)).toContain('no longer exists');
    const reopen = await bot.execute('action.reopen', { actionId: own }, owner);
    expect(cardText(reopen.invokeResponse?.body.value)).toContain('Only programme leads can reopen');
    expect(await footprint(store, orgId)).toEqual(before);
  });
});
