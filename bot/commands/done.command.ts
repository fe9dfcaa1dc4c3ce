import { formCardFor } from '../card-actions/update-form.action.js';
import { replyCard } from '../turn.js';
import { replyActionChoice } from './choose-action.js';
import type { BotCommand } from './command.js';
import { actionForCommand } from './update-ref.js';
import { remindedActions, wordsCommand } from './words.command.js';

/**
 * `done 3a`: asks for the evidence, then marks the action complete. Bare `done` answers a reminder about one
 * action in words, else asks which action.
 */
export const doneCommand: BotCommand = {
  personalOnly: true,
  usage: 'done ‹ref›',
  summary: 'Mark an action done (you add the evidence).',
  pattern: /^done(?:\s+(\S{1,10}))?$/i,
  async run(turn, match) {
    if (match[1] === undefined) {
      // why: "done" typed in reply to a reminder about one action answers it in words (confirm, then Save);
      // picked from the command menu, or after a reminder about several, it asks which action.
      if ((await remindedActions(turn)).length === 1) return wordsCommand.run(turn, match);
      return replyActionChoice(turn, 'done');
    }
    const action = await actionForCommand(turn, match[1] ?? '', 'updateAction');
    if (action) await replyCard(turn, await formCardFor(turn, { actionId: action.id, mode: 'done' }));
  },
};
