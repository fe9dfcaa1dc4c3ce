import { beforeAll, describe, expect, it } from 'vitest';
import { PULSE_SUBMIT_VERB } from '../../cards/pulse.card.js';
import type { Store } from '../../src/db/connect.js';
import { liveRound, roundStatements } from '../../src/pulse/round.repository.js';
import { openRound } from '../../src/pulse/round.service.js';
import { closeRound } from '../../src/pulse/round-close.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { botHarness, cardText } from '../support/bot-harness.js';
import { EARLY_TODAY, MATRIX_PEOPLE, sharedMatrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { storeFingerprint } from '../support/store-fingerprint.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

const NOW = new Date('2020-03-16T09:30:00Z');

// why: U+0000 reached PostgreSQL from a pulse comment and crashed the turn ("invalid byte sequence").
describe('a NUL character in what people send', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    bot = botHarness(testApp(store, orgId, { clock: new ManualClock(NOW) }), orgId);
  });

  it('in a pulse comment: a clear refusal, nothing recorded', async () => {
    const live = await liveRound(store.db, orgId);
    if (live) await closeRound(store.db, orgId, live.id, 'nul test', EARLY_TODAY);
    const settings = { today: '2020-03-16', openDays: 10, minGroup: 5 };
    const round = await openRound(store.db, orgId, { actor: 'nul test' }, settings, NOW);
    const answers = Object.fromEntries(
      (await roundStatements(store.db, round.id)).map((s) => [`s-${s.id}`, '3']),
    );
    const before = await storeFingerprint(store, orgId);
    const { invokeResponse } = await bot.execute(
      PULSE_SUBMIT_VERB,
      { roundId: round.id, ...answers, comment: 'fine\u0000really' },
      { aadObjectId: MATRIX_PEOPLE.socialWorker },
    );
    expect(cardText(invokeResponse?.body.value)).toContain('not text');
    expect(await storeFingerprint(store, orgId)).toBe(before);
    await closeRound(store.db, orgId, round.id, 'nul test', EARLY_TODAY);
  });

  it('in typed text: the character is dropped and the command answered', async () => {
    const { replies } = await bot.say('who\u0000ami', { aadObjectId: MATRIX_PEOPLE.owner });
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0])).toContain('Matrix Owner');
  });
});
