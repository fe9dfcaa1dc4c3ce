import { z } from 'zod';
import { type IsoDate, shortDate } from '../src/calendar/iso-date.js';
import { type AdaptiveCard, adaptiveCard, execute, heading, text } from './card-kit.js';

export const PULSE_CHANGE_VERB = 'pulse.change';

export const pulseChangeSchema = z.object({
  verb: z.literal(PULSE_CHANGE_VERB),
  roundId: z.uuid({ error: 'this card does not belong to a Health Check round' }),
});

export interface PulseThanksView {
  roundId: string;
  closesOn: IsoDate;
  /** True when the same answers were submitted again: nothing was changed. */
  unchanged?: boolean;
}

/** Replaces the pulse card after Submit: read-only, with a way back in until the round closes. */
export function buildPulseThanksCard(view: PulseThanksView): AdaptiveCard {
  const until = shortDate(view.closesOn);
  const lines = view.unchanged
    ? [
        heading('Your answers were already recorded'),
        text(`Nothing was changed. You can change your answers until ${until}.`),
      ]
    : [heading(`Thank you. You can change your answers until ${until}.`)];
  return adaptiveCard(
    [
      ...lines,
      text('No one, including managers, can see your answers.', { isSubtle: true, spacing: 'Small' }),
    ],
    [execute('Change my answers', PULSE_CHANGE_VERB, { roundId: view.roundId })],
  );
}
