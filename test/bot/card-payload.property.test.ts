import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUBMIT_BYTES } from '../../bot/card-actions/dispatch.js';
import { cardActions } from '../../bot/card-actions/index.js';
import { STANDINGS, type Standing } from '../../src/access/permissions.js';
import type { Store } from '../../src/db/connect.js';
import { ManualClock } from '../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../support/bot-harness.js';
import { MATRIX_PEOPLE, sharedMatrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { storeFingerprint } from '../support/store-fingerprint.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

/** 1,000 runs take ~8 s on an idle 2-core machine; the margin is for a machine shared with other test runs. */
const PROPERTY_TIMEOUT_MS = 90_000;

/** How every refusal says so: dispatch's and an update's "Nothing was changed", a pulse's "Nothing was recorded or changed". */
const REFUSED = /nothing was (recorded or )?changed/i;

/** Card data as a tampering client might send it: real verbs and field names with hostile values. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '250',
    'a\u0000b',
    '1e309',
    'NaN',
    'red',
    'purple',
    'javascript:alert(1)',
    '<b>x</b>',
  ),
  fc.constantFrom(
    '**bold** [x](https://evil.example)',
    ['$', '{secret}'].join(''),
    '__proto__',
    "'; drop table actions; --",
  ),
  fc.uuid(),
  fc.integer(),
  fc.double(),
);
const fieldName = fc.oneof(
  fc.constantFrom('verb', 'actionId', 'rag', 'percent', 'narrative', 'evidenceUrl', 'blockers', 'roundId'),
  fc.constantFrom('answers', 'comment', 'newDate', 'reason', 'requestId', 'idempotencyKey', 'personId'),
  fc.constantFrom('aadObjectId', 'orgId', 'tenantId', '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }),
);
const verb = fc.oneof(
  fc.constantFrom(...(cardActions.length ? cardActions.map((a) => a.verb) : ['none-registered'])),
  fc.string({ maxLength: 70 }),
  fc.constantFrom('', 'x'.repeat(65)),
);
const payload = fc.record({
  verb,
  data: fc.dictionary(fieldName, hostileValue, { maxKeys: 8 }),
  transport: fc.constantFrom('execute', 'submit'),
  who: fc.constantFrom<Standing>(...STANDINGS),
  oversized: fc.boolean(),
});

describe('property: random card payloads (Action.Execute and Action.Submit) through the bot', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  /** The store as the last run left it: only a run that changes something moves it. */
  let last: string;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-16T09:30:00Z')) }),
      orgId,
    );
    last = await storeFingerprint(store, orgId);
  });

  it(
    'never crashes, always answers with a card, and changes nothing when it refuses',
    async () => {
      await fc.assert(
        fc.asyncProperty(payload, async ({ verb, data, transport, who, oversized }) => {
          const body = oversized ? { ...data, narrative: 'x'.repeat(MAX_SUBMIT_BYTES) } : data;
          const sender = { aadObjectId: MATRIX_PEOPLE[who] };
          let card: unknown;
          if (transport === 'execute') {
            const { invokeResponse } = await bot.execute(verb, body, sender);
            expect(invokeResponse?.status).toBe(200);
            expect(invokeResponse?.body.statusCode).toBe(200);
            card = invokeResponse?.body.value;
          } else {
            const { updates, replies } = await bot.submit({ ...body, verb }, sender);
            expect(updates.length + replies.length).toBe(1);
            card = cardOf(updates[0] ?? replies[0]);
          }
          const text = cardText(card);
          expect(text).not.toBe('');
          if (oversized) expect(text).toMatch(REFUSED);
          const before = last;
          last = await storeFingerprint(store, orgId);
          if (REFUSED.test(text) || who === 'stranger') expect(last).toBe(before);
        }),
        { numRuns: 1_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
