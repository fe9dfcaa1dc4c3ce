import { type AdaptiveCard, adaptiveCard, facts, heading, text } from './card-kit.js';

export interface HelpEntry {
  usage: string;
  summary: string;
}

/** What the bot understands; shown for `help` and for anything it does not understand. */
export function buildHelpCard(entries: HelpEntry[], intro?: string): AdaptiveCard {
  return adaptiveCard([
    heading('practice-pulse'),
    text(
      intro ??
        'I keep the improvement plan moving: reminders for action owners, Health Check pulses, weekly digests.',
    ),
    text('You can type:', { weight: 'Bolder', spacing: 'Medium' }),
    facts(entries.map((e) => [e.usage, e.summary])),
  ]);
}
