import { beforeAll, describe, expect, it } from 'vitest';
import { PULSE_SUBMIT_VERB } from '../../cards/pulse.card.js';
import type { Store } from '../../src/db/connect.js';
import { submitAnswers } from '../../src/pulse/answer.service.js';
import { roundStatements } from '../../src/pulse/round.repository.js';
import { openRound } from '../../src/pulse/round.service.js';
import { closeRound } from '../../src/pulse/round-close.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../support/bot-harness.js';
import { laterToday, MATRIX_PEOPLE, matrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

const TODAY = '2020-03-16';
const MY_COMMENT = 'PRIVATE-comment: my team leader shouts';
const THEIR_COMMENT = 'PRIVATE-comment from a colleague: caseloads are too high';
const GROUP = { conversationType: 'groupChat' as const, conversationId: '19:group-chat@thread.v2' };
const CHANNEL = {
  conversationType: 'channel' as const,
  conversationId: '19:general@thread.tacv2',
  teamId: 'team-1',
};

/** What a person's own pulse answers and leaders' comments must never be shown in: chats others can read. */
describe('pulse answers and comments stay out of group chats and channels', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  let roundId: string;
  const NOW = laterToday();
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    // why: its own organisation, so "the latest results" are this round's whatever other files ran before.
    orgId = await matrixOrg(store);
    bot = botHarness(testApp(store, orgId, { clock: new ManualClock(NOW) }), orgId);
    const settings = { today: TODAY, openDays: 10, minGroup: 5 };
    roundId = (await openRound(store.db, orgId, { actor: 'privacy test' }, settings, NOW)).id;
    const statements = await roundStatements(store.db, roundId);
    const mine = Object.fromEntries(statements.map((s) => [`s-${s.id}`, '1']));
    await bot.execute(
      PULSE_SUBMIT_VERB,
      { roundId, ...mine, comment: MY_COMMENT },
      {
        aadObjectId: MATRIX_PEOPLE.socialWorker,
      },
    );
  });

  it('"pulse" in a group chat or channel does not post the card with my answers there', async () => {
    for (const where of [GROUP, CHANNEL]) {
      const { replies } = await bot.say('pulse', { aadObjectId: MATRIX_PEOPLE.socialWorker, ...where });
      const shown = replies
        .map((r) => (r.attachments?.length ? JSON.stringify(cardOf(r)) : (r.text ?? '')))
        .join();
      expect(shown).not.toContain(MY_COMMENT);
      expect(shown).not.toMatch(/"value":"1"/);
      expect(shown).toMatch(/1:1|personal|private/i);
    }
  });

  it('"pulse" in my 1:1 chat still shows my answers so I can change them', async () => {
    const { replies } = await bot.say('pulse', { aadObjectId: MATRIX_PEOPLE.socialWorker });
    expect(JSON.stringify(cardOf(replies[0]))).toContain(MY_COMMENT);
  });

  it('"pulse results" asked by a lead in a channel shows no comments there; in the 1:1 chat it does', async () => {
    const colleagues = await store.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', orgId)
      .where('email', 'like', 'sw_@matrix.example')
      .execute();
    const statements = await roundStatements(store.db, roundId);
    for (const [i, c] of colleagues.entries()) {
      const answers = Object.fromEntries(statements.map((s) => [s.id, 4]));
      await submitAnswers(
        store.db,
        orgId,
        c.id,
        { roundId, answers, comment: i ? null : THEIR_COMMENT },
        TODAY,
      );
    }
    await closeRound(store.db, orgId, roundId, 'privacy test', laterToday());
    const inChannel = await bot.say('pulse results', { aadObjectId: MATRIX_PEOPLE.lead, ...CHANNEL });
    const channelText = inChannel.replies.map((r) => cardText(cardOf(r))).join('\n');
    expect(channelText).not.toContain(THEIR_COMMENT);
    expect(channelText).not.toContain(MY_COMMENT);
    const personal = await bot.say('pulse results', { aadObjectId: MATRIX_PEOPLE.lead });
    expect(cardText(cardOf(personal.replies[0]))).toContain(THEIR_COMMENT);
  });
});
