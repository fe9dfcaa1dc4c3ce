import { historyCardFor } from '../card-actions/show-history.action.js';
import { replyCard } from '../turn.js';
import { replyActionChoice } from './choose-action.js';
import type { BotCommand } from './command.js';
import { actionForCommand } from './update-ref.js';

/** `history 3a`: who updated the action, when, and what they said; bare `history` asks which action. */
export const historyCommand: BotCommand = {
  personalOnly: true,
  usage: 'history ‹ref›',
  summary: 'The latest updates and date requests of an action.',
  pattern: /^history(?:\s+(\S{1,10}))?$/i,
  async run(turn, match) {
    if (match[1] === undefined) return replyActionChoice(turn, 'history');
    const action = await actionForCommand(turn, match[1], 'viewAction');
    if (action) await replyCard(turn, await historyCardFor(turn, action));
  },
};
