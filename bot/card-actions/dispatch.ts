import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import type { BotTurn } from '../turn.js';
import type { CardAction } from './card-action.js';

/** Largest card submit accepted (the biggest legitimate one, a status update with its note, is far smaller). */
export const MAX_SUBMIT_BYTES = 16_384;

const envelope = z.object({ verb: z.string().min(1).max(64) }).passthrough();

export type DispatchResult =
  | { ok: true; card: AdaptiveCard }
  | { ok: false; card: AdaptiveCard; reason: string };

function refused(reason: string, line: string): DispatchResult {
  return {
    ok: false,
    reason,
    card: buildNoticeCard({
      title: 'That did not work',
      tone: 'error',
      lines: [line, 'Nothing was changed.'],
    }),
  };
}

/** Finds the action for a card's verb, checks its data, and runs it; bad data gets a clear card and changes nothing. */
export async function dispatchCardAction(
  actions: CardAction[],
  turn: BotTurn,
  raw: unknown,
): Promise<DispatchResult> {
  const json = JSON.stringify(raw ?? null);
  if (json.length > MAX_SUBMIT_BYTES) {
    return refused('too large', 'What was sent is too long. Please shorten the text and try again.');
  }
  // why: PostgreSQL text cannot hold U+0000; such data would fail its insert instead of getting an answer.
  if (json.includes('\\u0000')) return refused('nul', 'What was sent contains a character that is not text.');
  const head = envelope.safeParse(raw);
  if (!head.success) return refused('no verb', 'This card could not be read. Please type `help`.');
  const action = actions.find((a) => a.verb === head.data.verb);
  if (!action) return refused('unknown verb', 'This card is out of date. Please type `help` to start again.');
  const data = action.schema.safeParse(raw);
  if (!data.success) {
    const first = data.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return refused('invalid data', `${where}${first?.message ?? 'the card data is not valid'}`);
  }
  return { ok: true, card: await action.run(turn, data.data) };
}
