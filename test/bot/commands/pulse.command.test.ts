import { beforeAll, describe, expect, it } from 'vitest';
import { allows } from '../../../src/access/permissions.js';
import type { Store } from '../../../src/db/connect.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { pulseCloseJob } from '../../../src/pulse/pulse.jobs.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { validateCard } from '../../support/card-validation.js';
import { captureLogs } from '../../support/log-capture.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

type Card = Record<string, unknown> & { body: unknown[] };
const worker = { aadObjectId: SAMPLE.socialWorker };

/** The data a person's taps would send: the round id and a choice for every statement on the card. */
function answersFor(card: Card, choice: (i: number) => string, comment = ''): Record<string, unknown> {
  const inputs = card.body.filter((e) => (e as { type: string }).type === 'Input.ChoiceSet') as {
    id: string;
  }[];
  const submit = (card.actions as { data: Record<string, unknown> }[])[0]!.data;
  return { ...submit, ...Object.fromEntries(inputs.map((input, i) => [input.id, choice(i)])), comment };
}

describeStores('pulse through the bot', (kind) => {
  let store: Store;
  let orgId: string;
  let clock: ManualClock;
  let bot: ReturnType<typeof botHarness>;
  let logs: ReturnType<typeof captureLogs>;
  let app: ReturnType<typeof testApp>;
  let pulseCard: Card;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    clock = new ManualClock(new Date('2025-12-01T09:30:00Z'));
    logs = captureLogs();
    app = { ...testApp(store, orgId, { clock }), log: logs.log };
    bot = botHarness(app, orgId);
  });

  it('lets only admins open a round, and tells the admin who is asked and until when', async () => {
    const refused = await bot.say('pulse open', worker);
    expect(cardText(cardOf(refused.replies[0]))).toContain('Only the programme office');
    const { replies } = await bot.say('pulse open', { aadObjectId: SAMPLE.admin });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('Health Check is open');
    expect(text).toContain('13 social workers are asked; it closes Fri 12 Dec.');
    const sent = await store.db
      .selectFrom('outbox')
      .select('kind')
      .where('org_id', '=', orgId)
      .where('kind', '=', 'pulse')
      .execute();
    expect(sent).toHaveLength(13);
  });

  it('sends the pulse card on `pulse`: the promise, tappable choices with labels, a comment, Submit', async () => {
    const { replies } = await bot.say('pulse', worker);
    pulseCard = cardOf(replies[0]);
    expect(validateCard(pulseCard)).toEqual([]);
    const text = cardText(pulseCard);
    expect(text).toContain(
      'Anonymous: no one, including managers, can see your answers; results are shown only for groups of 5 or more, after the round closes on Fri 12 Dec.',
    );
    const choices = pulseCard.body.filter((e) => (e as { type: string }).type === 'Input.ChoiceSet');
    expect(choices).toHaveLength(7);
    expect(choices[4]).toMatchObject({
      style: 'expanded',
      label: '5. I have regular supervision.',
      isRequired: true,
    });
    expect((choices[0] as { choices: { title: string }[] }).choices.map((c) => c.title)).toEqual([
      'Strongly disagree',
      'Disagree',
      'Neither agree nor disagree',
      'Agree',
      'Strongly agree',
      'Prefer not to say',
    ]);
  });

  it('thanks the person after Submit and offers Change my answers; the answer never reaches the log', async () => {
    const data = answersFor(pulseCard, (i) => (i === 6 ? 'none' : '4'), 'Supervision keeps being moved');
    const { invokeResponse } = await bot.execute('pulse.submit', data, worker);
    const card = invokeResponse?.body.value as Card;
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Thank you. You can change your answers until Fri 12 Dec.');
    expect(JSON.stringify(card)).toContain('"title":"Change my answers"');
    expect(logs.text()).not.toContain('Supervision keeps being moved');
  });

  it('shows the person their own answers to change, and records a change', async () => {
    const roundId = (pulseCard.actions as { data: { roundId: string } }[])[0]!.data.roundId;
    const { invokeResponse } = await bot.execute('pulse.change', { roundId }, worker);
    const card = invokeResponse?.body.value as Card;
    const values = card.body
      .filter((e) => (e as { type: string }).type === 'Input.ChoiceSet')
      .map((e) => (e as { value: string }).value);
    expect(values).toEqual(['4', '4', '4', '4', '4', '4', 'none']);
    const same = await bot.execute(
      'pulse.submit',
      answersFor(card, (i) => (i === 6 ? 'none' : '4'), 'Supervision keeps being moved'),
      worker,
    );
    expect(cardText(same.invokeResponse?.body.value)).toContain('Nothing was changed.');
    const changed = await bot.execute(
      'pulse.submit',
      answersFor(card, () => '2'),
      worker,
    );
    expect(cardText(changed.invokeResponse?.body.value)).toContain('Thank you.');
    const ballots = await store.db
      .selectFrom('pulse_ballots')
      .innerJoin('pulse_answers', 'pulse_answers.ballot_id', 'pulse_ballots.id')
      .select(['pulse_answers.value', 'pulse_ballots.comment'])
      .where('pulse_ballots.round_id', '=', roundId)
      .execute();
    expect(ballots.map((b) => b.value)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(ballots[0]?.comment).toBeNull();
  });

  it('takes the Action.Submit fallback too, replacing the tapped card with the thank-you', async () => {
    const data = { verb: 'pulse.submit', ...answersFor(pulseCard, () => '3') };
    const { updates, replies } = await bot.submit(data, { aadObjectId: SAMPLE.owner });
    expect(replies).toHaveLength(0);
    expect(updates[0]?.id).toBe('card-1');
    expect(cardText(cardOf(updates[0]))).toContain(
      'Thank you. You can change your answers until Fri 12 Dec.',
    );
  });

  it('never shows a person their answers outside the 1:1 chat, even from a shared card', async () => {
    const roundId = (pulseCard.actions as { data: { roundId: string } }[])[0]!.data.roundId;
    const { invokeResponse } = await bot.execute(
      'pulse.change',
      { roundId },
      { ...worker, conversationType: 'groupChat' },
    );
    const text = cardText(invokeResponse?.body.value);
    expect(text).toContain('Change your answers in our 1:1 chat');
    expect(JSON.stringify(invokeResponse?.body.value)).not.toContain('Input.ChoiceSet');
  });

  it('gives leads the count so far without names, and refuses progress to social workers', async () => {
    const lead = await bot.say('pulse status', { aadObjectId: SAMPLE.lead });
    expect(cardText(cardOf(lead.replies[0]))).toContain('Fewer than 5 of 13 have answered so far.');
    const sw = await bot.say('pulse status', worker);
    expect(cardText(cardOf(sw.replies[0]))).toContain('Not available to you');
  });

  it('has no results before close', async () => {
    const { replies } = await bot.say('pulse results', worker);
    expect(cardText(cardOf(replies[0]))).toContain('No Health Check round has closed yet.');
  });

  describe('after the close day', () => {
    let roundId: string;
    beforeAll(async () => {
      roundId = (pulseCard.actions as { data: { roundId: string } }[])[0]!.data.roundId;
      const statements = await roundStatements(store.db, roundId);
      const others = await store.db
        .selectFrom('pulse_participants')
        .select('person_id')
        .where('round_id', '=', roundId)
        .where('answered', '=', false)
        .execute();
      for (const [i, p] of others.slice(0, 6).entries()) {
        const answers = Object.fromEntries(statements.map((s, j) => [s.id, ((i + j) % 5) + 1]));
        await submitAnswers(
          store.db,
          orgId,
          p.person_id,
          { roundId, answers, comment: `comment ${i}` },
          '2025-12-12',
        );
      }
      clock.set(new Date('2025-12-13T00:05:00Z'));
      await pulseCloseJob.run(app, clock.now());
    });

    it('refuses answers and changes to the closed round, and says so', async () => {
      const late = await bot.execute(
        'pulse.submit',
        answersFor(pulseCard, () => '5'),
        worker,
      );
      expect(cardText(late.invokeResponse?.body.value)).toContain(
        'It closed on Fri 12 Dec, so answers can no longer be given or changed.',
      );
      const change = await bot.execute('pulse.change', { roundId }, worker);
      expect(cardText(change.invokeResponse?.body.value)).toContain('This Health Check has closed');
    });

    it('shows service-wide results to a social worker, without teams of fewer than 5 or comments', async () => {
      const { replies } = await bot.say('pulse results', worker);
      const card = cardOf(replies[0]);
      expect(validateCard(card)).toEqual([]);
      const text = cardText(card);
      expect(text).toContain('8 of 13 answered (62%)');
      expect(text).toContain('I have regular supervision.');
      expect(text).not.toContain('By team');
      expect(text).not.toContain('comment 0');
    });

    it('follows the permission matrix for an action owner who is not a social worker; refuses a stranger', async () => {
      const comms = '00000000-0000-4000-8000-0000000000c0';
      await store.db
        .updateTable('people')
        .set({ aad_object_id: comms })
        .where('org_id', '=', orgId)
        .where('email', '=', 'comms@council.example')
        .execute();
      const owner = await bot.say('pulse results', { aadObjectId: comms });
      const expected = allows(['owner'], 'seeResults') ? '8 of 13 answered' : 'Not available to you';
      expect(cardText(cardOf(owner.replies[0]))).toContain(expected);
      const stranger = await bot.say('pulse results', { aadObjectId: SAMPLE.stranger });
      expect(cardText(cardOf(stranger.replies[0]))).toContain("I don't know you yet");
    });

    it('shows comments to leads, without any team (every team here is under 5)', async () => {
      const { replies } = await bot.say('pulse results', { aadObjectId: SAMPLE.lead });
      const text = cardText(cardOf(replies[0]));
      expect(text).toContain('Comments (6)');
      expect(text).not.toMatch(/CiN Team|Assessment Team|Practice Improvement/);
    });
  });
});
