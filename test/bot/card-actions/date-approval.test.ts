import { beforeAll, expect, it } from 'vitest';
import { longDate } from '../../../src/calendar/iso-date.js';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { newId } from '../../../src/shared/ids.js';
import { listDateChanges } from '../../../src/updates/date-request.repository.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';
import { buttonOf, validCard } from './update-test-kit.js';

const owner = { aadObjectId: SAMPLE.owner };
const lead = { aadObjectId: SAMPLE.lead };
const otherLead = { aadObjectId: SAMPLE.dcs };
const NOW = new Date('2020-03-20T10:00:00Z');

describeStores('new date: request, approval, decline', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    bot = botHarness(testApp(store, orgId, { clock: new ManualClock(NOW) }), orgId);
  });

  async function approvalCardFor(ref: string, newDate: string) {
    const { replies } = await bot.say(`action ${ref}`, owner);
    const open = buttonOf(cardOf(replies[0]), 'Request new date');
    const form = validCard((await bot.execute(open.verb, open.data, owner)).invokeResponse?.body.value);
    expect(cardText(form)).toContain(`Request a new date: ${ref}`);
    const send = buttonOf(form, 'Send for approval');
    const sent = await bot.execute(
      send.verb,
      { ...send.data, newDate, reason: 'Waiting for the <b>board</b>' },
      owner,
    );
    expect(cardText(validCard(sent.invokeResponse?.body.value))).toContain(
      `${ref}: new date ${longDate(newDate)} requested, waiting for approval`,
    );
    const rows = await store.db
      .selectFrom('outbox')
      .select(['payload', 'idempotency_key', 'kind'])
      .where('org_id', '=', orgId)
      .where('kind', '=', 'approval')
      .where('idempotency_key', 'like', 'approval:%')
      .orderBy('id', 'desc')
      .execute();
    return { rows, card: cardOf(rows[0]!.payload as never) };
  }

  it('asks every programme lead; Approve moves the due date, tells the owner, and a second lead sees it decided', async () => {
    const was = (await findActionByRef(store.db, orgId, '8d'))?.dueDate;
    const { rows, card } = await approvalCardFor('8d', '2020-05-29');
    expect(rows.length).toBe(3); // DCIS (lead), DCS (lead), programme office (admin)
    validCard(card);
    const text = cardText(card);
    expect(text).toContain('New date requested: 8d');
    expect(text).toContain('Waiting for the ‹b›board‹/b›');
    expect(text).toContain('29 May 2020');

    const approve = buttonOf(card, 'Approve');
    const decided = validCard(
      (await bot.execute(approve.verb, approve.data, lead)).invokeResponse?.body.value,
    );
    expect(cardText(decided)).toContain('Approved by Director of Children');
    expect(() => buttonOf(decided, 'Approve')).toThrow();
    expect((await findActionByRef(store.db, orgId, '8d'))?.dueDate).toBe('2020-05-29');

    // why: a lead who views their copy later gets it refreshed (Teams' refresh model) to the decision.
    expect(card.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'date.view', data: { requestId: approve.data.requestId } },
      userIds: expect.arrayContaining([SAMPLE.lead, SAMPLE.dcs, SAMPLE.admin]),
    });
    const refresh = card.refresh as { action: { verb: string; data: Record<string, unknown> } };
    const refreshed = validCard(
      (await bot.execute(refresh.action.verb, refresh.action.data, otherLead)).invokeResponse?.body.value,
    );
    expect(cardText(refreshed)).toContain('Approved by Director of Children');
    expect(() => buttonOf(refreshed, 'Approve')).toThrow();
    const byOwner = await bot.execute(refresh.action.verb, refresh.action.data, owner);
    expect(cardText(byOwner.invokeResponse?.body.value)).toContain('Only programme leads');
    const later = validCard(
      (await bot.execute(approve.verb, approve.data, otherLead)).invokeResponse?.body.value,
    );
    expect(cardText(later)).toContain('Approved by Director of Children');
    const notice = await store.db
      .selectFrom('outbox')
      .select('payload')
      .where('org_id', '=', orgId)
      .where('idempotency_key', 'like', 'date-decision:%')
      .execute();
    expect(notice.length).toBe(1);
    expect(cardText(cardOf(notice[0]!.payload as never))).toContain('New date for 8d approved');
    const changes = await listDateChanges(store.db, orgId, new Date('2020-03-16'), new Date('2020-03-23'));
    expect(changes).toMatchObject([
      { ref: '8d', currentDueDate: was, requestedDate: '2020-05-29', state: 'approved' },
    ]);
  });

  it('Decline needs a reason; with one, the date stays and the owner is told why', async () => {
    const was = (await findActionByRef(store.db, orgId, '8e'))?.dueDate;
    const { card } = await approvalCardFor('8e', '2020-05-29');
    const decline = buttonOf(card, 'Decline');
    const asked = validCard((await bot.execute(decline.verb, decline.data, lead)).invokeResponse?.body.value);
    expect(cardText(asked)).toContain('Say why the new date is declined');
    const done = await bot.execute(decline.verb, { ...decline.data, reason: 'Board on 2 April' }, lead);
    expect(cardText(done.invokeResponse?.body.value)).toContain('Declined by');
    expect((await findActionByRef(store.db, orgId, '8e'))?.dueDate).toBe(was);
  });

  it('refuses a second request while one waits, and an owner approving', async () => {
    const { card } = await approvalCardFor('6e', '2020-06-30');
    const approve = buttonOf(card, 'Approve');
    const byOwner = await bot.execute(approve.verb, approve.data, owner);
    expect(cardText(byOwner.invokeResponse?.body.value)).toContain('Only programme leads can approve');
    const action = await findActionByRef(store.db, orgId, '6e');
    const again = await bot.execute(
      'date.request',
      { actionId: action!.id, submitKey: newId(), newDate: '2020-07-31', reason: 'More time' },
      owner,
    );
    expect(cardText(again.invokeResponse?.body.value)).toContain('already waiting for approval');
  });
});
