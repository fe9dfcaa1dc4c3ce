import { beforeAll, describe, expect, it } from 'vitest';
import { APPROVE_DATE_VERB, DECLINE_DATE_VERB, VIEW_DATE_VERB } from '../../cards/approval.card.js';
import { REQUEST_DATE_VERB } from '../../cards/date-request.card.js';
import { SUBMIT_UPDATE_VERB } from '../../cards/update-form.card.js';
import type { Standing } from '../../src/access/permissions.js';
import { resolveViewer } from '../../src/access/viewer.js';
import type { Store } from '../../src/db/connect.js';
import { findActionByRef } from '../../src/plan/action.repository.js';
import { ManualClock } from '../../src/shared/clock.js';
import { MAX_REASON } from '../../src/updates/date-request.js';
import { requestNewDate } from '../../src/updates/date-request.service.js';
import { botHarness, cardText } from '../support/bot-harness.js';
import { MATRIX_ACTION, MATRIX_PEOPLE, sharedMatrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

const NOW = new Date('2020-03-16T09:30:00Z');
const OWNERS_REASON = 'DISCLOSURE-CANARY: the recruitment agency went bust';

/** A refusal must not carry what it refuses: a new-date request is for programme leads to see. */
describe('approval cards refuse without showing the request', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  let requestId: string;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    bot = botHarness(testApp(store, orgId, { clock: new ManualClock(NOW) }), orgId);
    const action = await findActionByRef(store.db, orgId, MATRIX_ACTION);
    await store.db
      .updateTable('date_requests')
      .set({ state: 'declined' })
      .where('action_id', '=', action!.id)
      .where('state', '=', 'pending')
      .execute();
    const owner = await resolveViewer(store.db, orgId, MATRIX_PEOPLE.owner);
    const messages = { approval: () => ({ type: 'message' }), outcome: () => ({ type: 'message' }) };
    const result = await requestNewDate(
      store.db,
      owner!,
      { actionId: action!.id, newDate: '2020-09-30', reason: OWNERS_REASON, idempotencyKey: 'disclosure' },
      { now: NOW, today: '2020-03-16', messages },
    );
    if (result.kind !== 'requested' && result.kind !== 'duplicate') throw new Error(result.kind);
    requestId = result.request.id;
  });

  const notLeads: Standing[] = ['owner', 'delegate', 'socialWorker', 'stranger'];
  it.each(notLeads)('to a %s, whatever the card data (valid, or an over-long reason)', async (who) => {
    const sender = { aadObjectId: MATRIX_PEOPLE[who] };
    const attempts = [
      [VIEW_DATE_VERB, { requestId }],
      [APPROVE_DATE_VERB, { requestId }],
      [DECLINE_DATE_VERB, { requestId, reason: 'no' }],
      [DECLINE_DATE_VERB, { requestId, reason: 'x'.repeat(MAX_REASON + 1) }],
    ] as const;
    for (const [verb, data] of attempts) {
      const { invokeResponse } = await bot.execute(verb, data, sender);
      expect(cardText(invokeResponse?.body.value)).not.toContain(OWNERS_REASON);
    }
  });

  it('but a programme lead sees it', async () => {
    const { invokeResponse } = await bot.execute(
      VIEW_DATE_VERB,
      { requestId },
      { aadObjectId: MATRIX_PEOPLE.lead },
    );
    expect(cardText(invokeResponse?.body.value)).toContain(OWNERS_REASON);
  });

  it.each(['socialWorker', 'stranger'] as const)(
    'update and new-date forms with input problems show a %s nothing of the action',
    async (who) => {
      const action = await findActionByRef(store.db, orgId, MATRIX_ACTION);
      const sender = { aadObjectId: MATRIX_PEOPLE[who] };
      const attempts = [
        [SUBMIT_UPDATE_VERB, { actionId: action!.id, submitKey: 'k1', mode: 'done', narrative: '' }],
        [SUBMIT_UPDATE_VERB, { actionId: action!.id, submitKey: 'k2', mode: 'help', blockers: '' }],
        [
          SUBMIT_UPDATE_VERB,
          { actionId: action!.id, submitKey: 'k3', mode: 'update', rag: 'green', percent: '250' },
        ],
        [REQUEST_DATE_VERB, { actionId: action!.id, submitKey: 'k4', newDate: 'soon', reason: '' }],
      ] as const;
      for (const [verb, data] of attempts) {
        const { invokeResponse } = await bot.execute(verb, data, sender);
        expect(cardText(invokeResponse?.body.value)).not.toContain('Rolling recruitment');
      }
    },
  );
});
