import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardActions } from '../../bot/card-actions/index.js';
import type { Store } from '../../src/db/connect.js';
import { findActionByRef } from '../../src/plan/action.repository.js';
import { ManualClock } from '../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../support/bot-harness.js';
import { MATRIX_ACTION, MATRIX_PEOPLE, sharedMatrixOrg } from '../support/matrix-org.js';
import { sampleOrg } from '../support/plan-fixtures.js';
import { SAMPLE } from '../support/sample-people.js';
import { describeStores, testStore } from '../support/store.js';
import { storeFingerprint } from '../support/store-fingerprint.js';
import { testApp } from '../support/test-app.js';

const OTHER_TENANT = 'tenant-not-on-the-allow-list';

/** Every kind of activity Teams sends a bot, as another tenant would send it. */
const ACTIVITY_TYPES: [string, Partial<Activity>][] = [
  ['message', { type: 'message', text: 'my actions' }],
  ['message with a card submit', { type: 'message', value: { verb: 'anything' }, replyToId: 'card-1' }],
  [
    'invoke adaptiveCard/action',
    { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x' } } },
  ],
  ['installationUpdate add', { type: 'installationUpdate', action: 'add' }],
  [
    'conversationUpdate (bot added)',
    { type: 'conversationUpdate', membersAdded: [{ id: '28:bot', name: 'bot' }] },
  ],
  ['messageReaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }],
  ['messageUpdate', { type: 'messageUpdate', text: 'my actions' }],
  ['messageDelete', { type: 'messageDelete' }],
  ['installationUpdate remove', { type: 'installationUpdate', action: 'remove' }],
  ['typing', { type: 'typing' }],
  ['event', { type: 'event', name: 'application/vnd.microsoft.meetingStart' }],
];

describeStores('tenant allow-list and sender identity', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sharedMatrixOrg(store);
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-16T09:30:00Z')) }),
      orgId,
    );
  });

  const organisationExists = async (id: string) =>
    (await store.db.selectFrom('organisations').select('id').where('id', '=', id).execute()).length > 0;

  describe.each(ACTIVITY_TYPES)('%s from a tenant that is not allowed', (_label, activity) => {
    it('is answered with nothing (an invoke with 403), and nothing is stored', async () => {
      const before = await storeFingerprint(store, orgId);
      const conversationId = `a:${kind}:${_label}`;
      const { replies, updates, invokeResponse } = await bot.raw(activity, {
        aadObjectId: MATRIX_PEOPLE.admin,
        tenantId: OTHER_TENANT,
        conversationId,
      });
      expect(replies).toEqual([]);
      expect(updates).toEqual([]);
      if (activity.type === 'invoke') expect(invokeResponse?.body.statusCode).toBe(403);
      expect(await organisationExists(OTHER_TENANT)).toBe(false);
      const refs = await store.db
        .selectFrom('conversation_refs')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .execute();
      expect(refs).toEqual([]);
      expect(await storeFingerprint(store, orgId)).toBe(before);
    });
  });

  it('refuses an activity whose channelData names another tenant even if conversation.tenantId is allowed', async () => {
    const { replies } = await bot.raw(
      {
        type: 'message',
        text: 'my actions',
        conversation: {
          id: 'c-mixed',
          conversationType: 'personal',
          tenantId: orgId,
          isGroup: false,
          name: '',
        },
        channelData: { tenant: { id: OTHER_TENANT } },
      },
      { aadObjectId: MATRIX_PEOPLE.owner },
    );
    expect(replies).toEqual([]);
  });

  it('refuses an activity that names no tenant at all, and one from a channel other than Teams', async () => {
    const none = await bot.raw(
      {
        type: 'message',
        text: 'my actions',
        channelData: {},
        conversation: { id: 'c-none', conversationType: 'personal', isGroup: false, name: '' },
      },
      { aadObjectId: MATRIX_PEOPLE.owner },
    );
    expect(none.replies).toEqual([]);
    const webchat = await bot.raw(
      { type: 'message', text: 'my actions', channelId: 'webchat' },
      {
        aadObjectId: MATRIX_PEOPLE.owner,
      },
    );
    expect(webchat.replies).toEqual([]);
  });

  describe('who the sender is comes from from.aadObjectId, looked up on the roster — nothing else', () => {
    it("a stranger using an owner's display name and channel id is still a stranger", async () => {
      const { replies } = await bot.raw(
        {
          type: 'message',
          text: 'my actions',
          from: {
            id: `29:${MATRIX_PEOPLE.owner}`,
            name: 'Matrix Owner',
            aadObjectId: MATRIX_PEOPLE.stranger,
          },
        },
        { aadObjectId: MATRIX_PEOPLE.stranger },
      );
      const text = cardText(cardOf(replies[0]));
      expect(text).toContain("I don't know you yet");
      expect(text).not.toContain(MATRIX_ACTION);
    });

    it("a sender with no object id is no one, even with an owner's Teams user id", async () => {
      const { replies } = await bot.raw(
        { type: 'message', text: 'whoami', from: { id: `29:${MATRIX_PEOPLE.owner}`, name: 'Matrix Owner' } },
        {},
      );
      expect(cardText(cardOf(replies[0]))).toContain("I don't know you yet");
    });

    it('a person on the roster of another organisation is a stranger here (roster lookups are per tenant)', async () => {
      await sampleOrg(store);
      const { replies } = await bot.say('my actions', { aadObjectId: SAMPLE.owner });
      expect(cardText(cardOf(replies[0]))).toContain("I don't know you yet");
    });

    it.each(cardActions.map((a) => a.verb))(
      'card verb %s: identity fields in the card data do not make a stranger act as the owner',
      async (verb) => {
        const action = await findActionByRef(store.db, orgId, MATRIX_ACTION);
        const before = await storeFingerprint(store, orgId);
        const claims = {
          actionId: action!.id,
          personId: action!.id,
          aadObjectId: MATRIX_PEOPLE.owner,
          authorPersonId: MATRIX_PEOPLE.owner,
          orgId,
          tenantId: orgId,
          rag: 'green',
          percent: 50,
          narrative: 'spoofed',
        };
        await bot.execute(verb, claims, { aadObjectId: MATRIX_PEOPLE.stranger });
        await bot.submit({ verb, ...claims }, { aadObjectId: MATRIX_PEOPLE.stranger });
        expect(await storeFingerprint(store, orgId)).toBe(before);
      },
    );
  });
});
