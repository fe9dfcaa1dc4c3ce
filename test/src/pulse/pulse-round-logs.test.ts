import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PULSE_SUBMIT_VERB } from '../../../cards/pulse.card.js';
import type { Store } from '../../../src/db/connect.js';
import { DeliveryWorker } from '../../../src/delivery/delivery.worker.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { localSender } from '../../support/delivery-fixtures.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { captureLogs } from '../../support/log-capture.js';
import { laterToday, MATRIX_PEOPLE, matrixOrg } from '../../support/matrix-org.js';
import { testStore } from '../../support/store.js';
import { testStoreKinds } from '../../support/store-settings.js';
import { testApp } from '../../support/test-app.js';

const TODAY = '2020-03-16';
const COMMENT = 'LEAK-CANARY-comment: my manager is never there';
const BOT_SECRET = 'LEAK-CANARY-bot-secret-0123456789';

describe('logs during a whole Health Check round hold no answer, comment, link, token or secret', () => {
  let store: Store;
  let connector: FakeConnector;
  const logs = captureLogs('trace');
  /** Everything the logs must never contain, gathered while the round runs. */
  const secrets = new Set<string>([COMMENT, BOT_SECRET]);
  const answersGiven: Record<string, string> = {};
  const NOW = laterToday();

  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    connector = await FakeConnector.start();
    // why: an organisation of its own, so no other file's round can be the one `pulse results` shows.
    const orgId = await matrixOrg(store);
    const clock = new ManualClock(NOW);
    const app = {
      ...testApp(store, orgId, { clock, config: { SECRET_BOT_PASSWORD: BOT_SECRET, LOG_LEVEL: 'trace' } }),
      log: logs.log,
    };
    const bot = botHarness(app, orgId);
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender(), logger: logs.log, clock },
      { onlyOrgs: [orgId], pollMs: 10, heartbeatMs: 50, retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    );
    const sw = { aadObjectId: MATRIX_PEOPLE.socialWorker };
    const admin = { aadObjectId: MATRIX_PEOPLE.admin };

    // The social worker's 1:1 chat is at the fake connector, so their pulse card is really sent; the
    // colleagues have no chat, so delivery fails for them and its failure paths log too.
    await bot.raw({ type: 'message', text: 'whoami', serviceUrl: connector.serviceUrl }, sw);
    connector.inject({ status: 500, times: 1 });

    await bot.say('pulse open', admin);
    const round = await store.db
      .selectFrom('pulse_rounds')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();
    secrets.add(round.link_secret!);
    await worker.runOnce();
    await worker.runOnce();

    const statements = await roundStatements(store.db, round.id);
    for (const [i, s] of statements.entries()) answersGiven[`s-${s.id}`] = String((i % 5) + 1);
    const submitted = await bot.execute(
      PULSE_SUBMIT_VERB,
      { roundId: round.id, ...answersGiven, comment: COMMENT },
      sw,
    );
    expect(cardText(submitted.invokeResponse?.body.value)).toMatch(/thank/i);
    // A change of mind, a tampered value and an oversized comment: the refusal paths run as well.
    await bot.submit(
      { verb: PULSE_SUBMIT_VERB, roundId: round.id, ...answersGiven, comment: `${COMMENT} (changed)` },
      sw,
    );
    await bot.execute(
      PULSE_SUBMIT_VERB,
      { roundId: round.id, ...answersGiven, [Object.keys(answersGiven)[0]!]: '9' },
      sw,
    );
    await bot.execute(
      PULSE_SUBMIT_VERB,
      { roundId: round.id, ...answersGiven, comment: COMMENT.repeat(400) },
      sw,
    );

    const colleagues = await store.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', orgId)
      .where('email', 'like', 'sw_@matrix.example')
      .execute();
    for (const c of colleagues) {
      const answers = Object.fromEntries(statements.map((s) => [s.id, 4]));
      await submitAnswers(store.db, orgId, c.id, { roundId: round.id, answers, comment: COMMENT }, TODAY);
    }
    for (const b of await store.db
      .selectFrom('pulse_ballots')
      .select('link')
      .where('round_id', '=', round.id)
      .execute())
      secrets.add(b.link);

    await bot.say('pulse status', admin);
    await bot.say('pulse close', admin);
    const results = await bot.say('pulse results', { aadObjectId: MATRIX_PEOPLE.lead });
    // why: the comment must reach the lead's card (so it was in play) while staying out of the logs.
    expect(cardText(cardOf(results.replies[0]))).toContain(COMMENT);
    await worker.runOnce();
    await worker.stop();
  });
  afterAll(() => connector.close());

  it('logged something (the capture works) at every level used', () => {
    console.log(
      logs.lines
        .map((l) => {
          const j = JSON.parse(l);
          return `${j.time} ${j.level} ${j.msg}`;
        })
        .join('\n'),
    );
    expect(logs.lines.length).toBeGreaterThan(0);
  });

  it('contains no comment, round secret, ballot link or bot secret', () => {
    const text = logs.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('contains no answers: no statement input, no answers object left unredacted', () => {
    const text = logs.text();
    for (const key of Object.keys(answersGiven)) expect(text).not.toContain(key);
    expect(text).not.toMatch(/"answers":(?!"\[redacted\]")/);
    expect(text).not.toMatch(/"comment":(?!"\[redacted\]")/);
  });

  it('contains no bearer token or authorization header', () => {
    expect(logs.text()).not.toMatch(/Bearer\s+[\w-]+\.[\w-]+/);
    expect(logs.text()).not.toMatch(/"authorization":(?!"\[redacted\]")/i);
  });
});
