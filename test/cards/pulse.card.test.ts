import { describe, expect, it } from 'vitest';
import { buildPulseCard, pulseSubmitSchema } from '../../cards/pulse.card.js';
import { buildPulseRefusalCard } from '../../cards/pulse-refusal.card.js';
import { buildPulseResultsCard, MAX_COMMENTS_SHOWN } from '../../cards/pulse-results.card.js';
import { buildPulseStatusCard } from '../../cards/pulse-status.card.js';
import { buildPulseThanksCard, pulseChangeSchema } from '../../cards/pulse-thanks.card.js';
import type { RoundResults } from '../../src/pulse/pulse-results.js';
import { cardText } from '../support/bot-harness.js';
import { validateCard } from '../support/card-validation.js';

const ROUND = '7b0f3c5e-2f4a-4c1e-9a57-0d6c8f1b2a33';
const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const statements = [
  { id: S1, text: 'I have regular supervision.' },
  { id: S2, text: 'The supervision I have is of benefit to me.' },
];

function results(overrides: Partial<RoundResults> = {}): RoundResults {
  const round = {
    id: ROUND,
    name: 'December 2025',
    opensOn: '2025-12-01',
    closesOn: '2025-12-12',
    closedOn: '2025-12-12',
    closedAt: new Date('2025-12-13T00:05:00Z'),
    audience: 200,
    respondents: 142,
    responseRate: 71,
    suppressed: false,
  };
  const distribution = {
    stronglyDisagree: 5,
    disagree: 20,
    neither: 25,
    agree: 60,
    stronglyAgree: 30,
    preferNotToSay: 2,
  };
  return {
    round,
    previous: { ...round, id: 'prev', name: 'November 2025' },
    statements: [
      {
        statementId: S1,
        code: 'regular-supervision',
        text: statements[0]!.text,
        measures: [{ actionRef: '6a', text: '% …' }],
        views: 140,
        percentAgree: 64,
        change: 6,
        distribution,
        responseRate: 71,
        suppressed: false,
      },
      {
        statementId: S2,
        code: 'supervision-benefit',
        text: statements[1]!.text,
        measures: [],
        views: null,
        percentAgree: null,
        change: null,
        distribution: null,
        responseRate: 71,
        suppressed: true,
      },
    ],
    teams: [
      {
        team: 'CiN Team 1',
        respondents: 12,
        responseRate: 80,
        statements: [
          { statementId: S1, percentAgree: 58, suppressed: false },
          { statementId: S2, percentAgree: null, suppressed: true },
        ],
      },
    ],
    teamsNotShown: 2,
    ...overrides,
  };
}

describe('pulse card', () => {
  const card = buildPulseCard({ roundId: ROUND, closesOn: '2025-12-12', minGroup: 5, statements });

  it('parses at schema 1.5, every choice set labelled, required with a message, expanded for one-tap answers', () => {
    expect(validateCard(card)).toEqual([]);
    expect(card.body.filter((e) => e.type === 'Input.ChoiceSet')).toEqual([
      expect.objectContaining({
        id: `s-${S1}`,
        style: 'expanded',
        isRequired: true,
        label: '1. I have regular supervision.',
      }),
      expect.objectContaining({ id: `s-${S2}`, style: 'expanded', isRequired: true }),
    ]);
    expect(card.body.find((e) => e.id === 'comment')).toMatchObject({ maxLength: 1000, isMultiline: true });
  });

  it('carries data its own schema reads back into answers', () => {
    const data = (card.actions![0] as { data: Record<string, unknown> }).data;
    const parsed = pulseSubmitSchema.parse({ ...data, [`s-${S1}`]: '4', [`s-${S2}`]: 'none', comment: '  ' });
    expect(parsed).toEqual({ roundId: ROUND, answers: { [S1]: '4', [S2]: 'none' }, comment: null });
  });

  it.each([
    ['a value outside 1–5', { [`s-${S1}`]: '6' }, 'Strongly disagree … Strongly agree'],
    ['a number instead of a choice', { [`s-${S1}`]: 0 }, 'Strongly disagree … Strongly agree'],
    ['a 10,000-character comment', { comment: 'x'.repeat(10_000) }, 'comments can be up to 1,000 characters'],
    ['a tampered round id', { roundId: 'round-1; drop table' }, 'does not belong to a Health Check round'],
  ])('refuses %s with a clear message', (_name, change, message) => {
    const parsed = pulseSubmitSchema.safeParse({ verb: 'pulse.submit', roundId: ROUND, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('pre-selects the person’s own answers when they change them', () => {
    const again = buildPulseCard({
      roundId: ROUND,
      closesOn: '2025-12-12',
      minGroup: 5,
      statements,
      answers: { [S1]: '2' },
      comment: 'ok',
      note: 'change',
    });
    expect(again.body.find((e) => e.id === `s-${S1}`)).toMatchObject({ value: '2' });
    expect(cardText(again)).toContain('These are your answers so far');
  });
});

describe('thank-you, refusal and status cards', () => {
  it('thanks with the close date and a Change my answers button whose data parses', () => {
    const card = buildPulseThanksCard({ roundId: ROUND, closesOn: '2025-12-12' });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Thank you. You can change your answers until Fri 12 Dec.');
    expect(pulseChangeSchema.safeParse((card.actions![0] as { data: unknown }).data).success).toBe(true);
  });

  it('says nothing was recorded when answers are refused', () => {
    const card = buildPulseRefusalCard({ reason: 'closed', closesOn: '2025-12-12' });
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Nothing was recorded or changed.');
  });

  it('shows progress as counts only, and no count under the threshold', () => {
    const base = {
      roundId: ROUND,
      state: 'open' as const,
      opensOn: '2025-12-01',
      closesOn: '2025-12-12',
      audience: 200,
      minGroup: 5,
    };
    expect(cardText(buildPulseStatusCard({ ...base, answered: 37, responseRate: 19 }))).toContain(
      '37 of 200 have answered so far (19%).',
    );
    expect(cardText(buildPulseStatusCard({ ...base, answered: null, responseRate: null }))).toContain(
      'Fewer than 5 of 200',
    );
  });
});

describe('results card', () => {
  it('shows % agree with the change since last round, and withholds suppressed statements', () => {
    const card = buildPulseResultsCard({ results: results(), minGroup: 5, showTeams: false });
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('142 of 200 answered (71%)');
    expect(text).toContain('**64% agree** (+6 since November 2025), of 140 who gave a view');
    expect(text).toContain('Not shown: fewer than 5 people gave a view.');
    expect(text).not.toContain('CiN Team 1');
  });

  it('shows no figure at all for a round with too few respondents', () => {
    const r = results();
    const card = buildPulseResultsCard({
      results: { ...r, round: { ...r.round, respondents: null, responseRate: null, suppressed: true } },
      minGroup: 5,
      showTeams: true,
      comments: [],
    });
    expect(cardText(card)).not.toMatch(/\d+%|\d+ of \d+/);
  });

  it('escapes comments, caps them, and stays under 28 KB with the longest comments', () => {
    const comments = Array.from({ length: 30 }, (_, i) => ({
      text: `**${i}** ${'w'.repeat(995)}`,
      team: i % 2 ? 'CiN Team 1' : null,
    }));
    const card = buildPulseResultsCard({ results: results(), minGroup: 5, showTeams: true, comments });
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('\\*\\*0\\*\\*');
    expect(text).toContain(`and ${30 - MAX_COMMENTS_SHOWN} more`);
    expect(text).toContain('2 groups not shown');
  });
});
