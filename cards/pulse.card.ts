import { z } from 'zod';
import { type IsoDate, shortDate } from '../src/calendar/iso-date.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  execute,
  heading,
  text,
} from './card-kit.js';

export const PULSE_SUBMIT_VERB = 'pulse.submit';
export const MAX_COMMENT = 1_000;
/** Input id of a statement's choice set: the statement id behind a fixed prefix. */
export const ANSWER_PREFIX = 's-';

/** The answers a person can give: 1–5 (Strongly disagree … Strongly agree), or 'none' = Prefer not to say. */
export const CHOICES = [
  { value: '1', title: 'Strongly disagree' },
  { value: '2', title: 'Disagree' },
  { value: '3', title: 'Neither agree nor disagree' },
  { value: '4', title: 'Agree' },
  { value: '5', title: 'Strongly agree' },
  { value: 'none', title: 'Prefer not to say' },
] as const;
export type ChoiceValue = (typeof CHOICES)[number]['value'];
const choiceValues = new Set<string>(CHOICES.map((c) => c.value));

export interface PulseCardView {
  roundId: string;
  closesOn: IsoDate;
  minGroup: number;
  statements: { id: string; text: string }[];
  /** The person's current answers by statement id (when changing them). */
  answers?: Record<string, ChoiceValue>;
  comment?: string | null;
  /** A nudge says so gently; 'change' when the person is editing answers already recorded. */
  note?: 'nudge' | 'change';
}

/** The one-line promise every pulse card opens with. */
export function anonymityPromise(minGroup: number, closesOn: IsoDate): string {
  return `Anonymous: no one, including managers, can see your answers; results are shown only for groups of ${minGroup} or more, after the round closes on ${shortDate(closesOn)}.`;
}

const NOTES = {
  nudge: 'A gentle reminder: if you have a moment, your view counts.',
  change: 'These are your answers so far. Change what you like and press Submit.',
};

/** The Health Check pulse: each statement as tappable choices, an optional comment, Submit. */
export function buildPulseCard(view: PulseCardView): AdaptiveCard {
  const n = view.statements.length;
  const body: CardElement[] = [
    heading(`CIS Health Check — ${n} statement${n === 1 ? '' : 's'}, about 30 seconds`),
    text(anonymityPromise(view.minGroup, view.closesOn), { isSubtle: true, spacing: 'Small' }),
    ...(view.note ? [text(NOTES[view.note], { weight: 'Bolder' })] : []),
    ...view.statements.map((s, i) => ({
      type: 'Input.ChoiceSet',
      id: `${ANSWER_PREFIX}${s.id}`,
      // why: `expanded` renders radio buttons, one tap each on a phone; a compact dropdown takes two.
      style: 'expanded',
      label: `${i + 1}. ${s.text}`,
      isRequired: true,
      errorMessage: 'Choose an answer (Prefer not to say is fine).',
      choices: CHOICES.map((c) => ({ title: c.title, value: c.value })),
      ...(view.answers?.[s.id] ? { value: view.answers[s.id] } : {}),
      spacing: 'Medium',
    })),
    {
      type: 'Input.Text',
      id: 'comment',
      label: 'Anything you would like to add? (optional; shown without your name)',
      isMultiline: true,
      maxLength: MAX_COMMENT,
      ...(view.comment ? { value: view.comment } : {}),
    },
  ];
  return adaptiveCard(body, [
    execute('Submit', PULSE_SUBMIT_VERB, { roundId: view.roundId }, { style: 'positive' }),
  ]);
}

const answerIssue = 'Each answer must be one of Strongly disagree … Strongly agree, or Prefer not to say.';

/** The submitted card: round, one choice per statement input, optional comment (blank = none). */
export const pulseSubmitSchema = z
  .object({
    verb: z.literal(PULSE_SUBMIT_VERB),
    roundId: z.uuid({ error: 'this card does not belong to a Health Check round' }),
    comment: z
      .string()
      .max(MAX_COMMENT, { error: 'comments can be up to 1,000 characters; please shorten yours' })
      .optional(),
  })
  .catchall(z.unknown())
  .transform((data, ctx) => {
    const answers: Record<string, ChoiceValue> = {};
    for (const [key, value] of Object.entries(data)) {
      if (!key.startsWith(ANSWER_PREFIX)) continue;
      if (value === '' || value === undefined) continue;
      if (typeof value !== 'string' || !choiceValues.has(value)) {
        ctx.addIssue({ code: 'custom', message: answerIssue });
        return z.NEVER;
      }
      answers[key.slice(ANSWER_PREFIX.length)] = value as ChoiceValue;
    }
    const comment = data.comment?.trim() ? data.comment.trim() : null;
    return { roundId: data.roundId, answers, comment };
  });
export type PulseSubmit = z.infer<typeof pulseSubmitSchema>;

/** Escaped comment text for read-only display. */
export const shownComment = (comment: string) => escapeText(comment);
