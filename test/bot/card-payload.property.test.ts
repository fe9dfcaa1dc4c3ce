import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUBMIT_BYTES } from '../../bot/card-actions/dispatch.js';
import { cardActions } from '../../bot/card-actions/index.js';
import { STANDINGS, type Standing } from '../../src/access/permissions.js';
import type { Store } from '../../src/db/connect.js';
import { findActionByRef } from '../../src/plan/action.repository.js';
import { roundStatements } from '../../src/pulse/round.repository.js';
import { openRound } from '../../src/pulse/round.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../support/bot-harness.js';
import { MATRIX_ACTION, MATRIX_PEOPLE, matrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { storeFingerprint } from '../support/store-fingerprint.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

/** 1,000 runs take ~8 s on an idle 2-core machine; the margin is for a machine shared with other test runs. */
const PROPERTY_TIMEOUT_MS = 90_000;

/** How every refusal says so: dispatch's and an update's "Nothing was changed", a pulse's "Nothing was recorded or changed". */
const REFUSED = /nothing was (recorded or )?changed/i;

/**
 * Card data as a tampering client might send it: real verbs and field names with hostile values, and the real
 * ids of an action and an open Health Check round, so payloads reach the services' own checks, not only
 * "not found".
 */
const hostileValue = (realIds: string[]) =>
  fc.oneof(
    fc.constantFrom(...realIds),
    fc.constantFrom('1', '3', '5', 'none'),
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
const fieldName = (answerKeys: string[]) =>
  fc.oneof(
    fc.constantFrom(...answerKeys),
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
/** Data close to what a real card sends: the real action and round, answers to some statements, a few extras. */
const nearValid = (realIds: string[], answerKeys: string[]) =>
  fc
    .record({
      ids: fc.record({ actionId: fc.constant(realIds[0]!), roundId: fc.constant(realIds[1]!) }),
      answers: fc.dictionary(
        fc.constantFrom(...answerKeys),
        fc.constantFrom('1', '2', '3', '4', '5', 'none', '6', ''),
        { maxKeys: answerKeys.length },
      ),
      known: fc.record(
        {
          rag: fc.constantFrom('red', 'amber', 'green', 'purple'),
          percent: fc.oneof(fc.integer({ min: -10, max: 110 }), fc.constant('50')),
          narrative: fc.string({ maxLength: 60 }),
          comment: fc.string({ maxLength: 60 }),
          newDate: fc.constantFrom('2020-04-30', '2019-01-01', 'soon'),
          reason: fc.string({ maxLength: 30 }),
          idempotencyKey: fc.uuid(),
        },
        { requiredKeys: [] },
      ),
      extra: fc.dictionary(fieldName(answerKeys), hostileValue(realIds), { maxKeys: 3 }),
    })
    .map(({ ids, answers, known, extra }) => ({ ...extra, ...known, ...answers, ...ids }));
const payload = (realIds: string[], answerKeys: string[]) =>
  fc.record({
    verb,
    data: fc.oneof(
      fc.dictionary(fieldName(answerKeys), hostileValue(realIds), { maxKeys: 8 }),
      nearValid(realIds, answerKeys),
    ),
    transport: fc.constantFrom('execute', 'submit'),
    who: fc.constantFrom<Standing>(...STANDINGS),
    // why: one run in ten; each is refused at once, and the rest reach the verbs' schemas and services.
    oversized: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });

describe('property: random card payloads (Action.Execute and Action.Submit) through the bot', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  /** The store as the last run left it: only a run that changes something moves it. */
  let last: string;
  let realIds: string[];
  let answerKeys: string[];
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    // why: an organisation of its own, since runs that are not refused change it (an owner's valid update).
    orgId = await matrixOrg(store);
    const now = new Date('2020-03-16T09:30:00Z');
    bot = botHarness(testApp(store, orgId, { clock: new ManualClock(now) }), orgId);
    const round = await openRound(
      store.db,
      orgId,
      { actor: 'test' },
      { today: '2020-03-16', openDays: 10, minGroup: 5 },
      now,
    );
    const action = await findActionByRef(store.db, orgId, MATRIX_ACTION);
    realIds = [action!.id, round.id];
    answerKeys = (await roundStatements(store.db, round.id)).map((s) => `s-${s.id}`);
    last = await storeFingerprint(store, orgId);
  });

  it(
    'never crashes, always answers with a card, and changes nothing when it refuses',
    async () => {
      await fc.assert(
        fc.asyncProperty(payload(realIds, answerKeys), async ({ verb, data, transport, who, oversized }) => {
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
