import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/connect.js';
import { botHarness } from '../support/bot-harness.js';
import { MATRIX_PEOPLE, sharedMatrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { storeFingerprint } from '../support/store-fingerprint.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

/** Invokes Teams can send that the bot does not implement (a client could send any of them). */
const INVOKES = [
  'composeExtension/query',
  'composeExtension/submitAction',
  'task/fetch',
  'task/submit',
  'signin/verifyState',
  'signin/tokenExchange',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'config/fetch',
  'tab/fetch',
  'adaptiveCard/action',
  'no/such/invoke',
];

describe('invokes the bot does not implement', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    bot = botHarness(testApp(store, orgId), orgId);
  });

  it.each(INVOKES)(
    '%s (no value) is answered (501 unless implemented), never crashes, and changes nothing',
    async (name) => {
      for (const who of [MATRIX_PEOPLE.admin, MATRIX_PEOPLE.stranger]) {
        const before = await storeFingerprint(store, orgId);
        const { invokeResponse, replies } = await bot.raw(
          { type: 'invoke', name, value: undefined },
          {
            aadObjectId: who,
          },
        );
        expect(replies).toEqual([]);
        // why: botbuilder itself answers an Action.Execute without its action 400 (InvokeException).
        expect(invokeResponse?.status).toBe(name === 'adaptiveCard/action' ? 400 : 501);
        expect(await storeFingerprint(store, orgId)).toBe(before);
      }
    },
  );
});
