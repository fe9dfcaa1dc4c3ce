import { buildHelpCard } from '../../cards/help.card.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';

/** Lists every registered command; `commands` is the same list the router uses. */
export function helpCommand(commands: () => BotCommand[]): BotCommand {
  return {
    usage: 'help',
    summary: 'What I can do.',
    pattern: /^(help|\?|hi|hello)$/i,
    run: async (turn) =>
      replyCard(turn, buildHelpCard(commands().map((c) => ({ usage: c.usage, summary: c.summary })))),
  };
}
