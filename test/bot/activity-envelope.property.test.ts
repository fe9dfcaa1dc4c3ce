import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { envelopeProblem } from '../../bot/activity-envelope.js';
import type { Store } from '../../src/db/connect.js';
import { botHarness } from '../support/bot-harness.js';
import { MATRIX_PEOPLE, sharedMatrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

/** 1,000 turns take a few seconds on an idle machine; the margin is for a machine shared with other runs. */
const PROPERTY_TIMEOUT_MS = 90_000;

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', 'a\u0000b', 'x'.repeat(5_000), '__proto__', 'personal', 'channel', 'groupChat'),
);

/**
 * The envelope of an activity from an allowed tenant with hostile fields: Bot Framework auth checks the token,
 * not the body, and botbuilder accepts any object as an activity, so every field the turn gate and the
 * conversation capture read must survive any value.
 */
const envelope = fc.record({
  text: fc.constantFrom('whoami', 'my actions', 'help', 'pulse'),
  conversationType: fc.oneof(fc.constantFrom('personal', 'groupChat', 'channel'), hostile),
  conversationId: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), hostile),
  teamId: hostile,
  channelId: hostile,
  channelName: hostile,
  fromId: hostile,
  aadObjectId: fc.oneof(fc.constantFrom(...Object.values(MATRIX_PEOPLE)), hostile),
  // why: a falsy serviceUrl is filled in by botbuilder's TestAdapter, so only strings reach the bot here.
  serviceUrl: fc.oneof(fc.constantFrom('https://smba.trafficmanager.net/uk/'), fc.string({ maxLength: 30 })),
  entities: fc.oneof(fc.constant(undefined), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })),
});

describe('property: hostile activity envelopes from an allowed tenant', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    bot = botHarness(testApp(store, orgId), orgId);
  });

  it(
    'never crash the turn: a message is answered, or refused whole when its envelope does not fit',
    async () => {
      await fc.assert(
        fc.asyncProperty(envelope, async (e) => {
          const activity = {
            type: 'message',
            text: e.text,
            serviceUrl: e.serviceUrl as string,
            from: { id: e.fromId as string, name: 'x', aadObjectId: e.aadObjectId as string },
            conversation: {
              id: e.conversationId as string,
              conversationType: e.conversationType as string,
              tenantId: orgId,
              isGroup: true,
              name: '',
            },
            channelData: {
              tenant: { id: orgId },
              team: { id: e.teamId },
              channel: { id: e.channelId, name: e.channelName },
            },
            ...(e.entities ? { entities: e.entities as never } : {}),
          };
          const { replies } = await bot.raw(activity as never);
          if (envelopeProblem(activity as never) === undefined)
            expect(replies.length).toBeGreaterThanOrEqual(1);
          else expect(replies).toEqual([]);
        }),
        { numRuns: 1_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
