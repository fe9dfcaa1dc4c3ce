import { formCardFor } from '../card-actions/update-form.action.js';
import { replyCard } from '../turn.js';
import { replyActionChoice } from './choose-action.js';
import type { BotCommand } from './command.js';
import { actionForCommand } from './update-ref.js';

/** `update 3a`: the update form for an action, in the chat; bare `update` (the command menu) asks which. */
export const updateCommand: BotCommand = {
  personalOnly: true,
  usage: 'update ‹ref›',
  summary: 'Update an action: status, percent, what has happened, evidence, blockers.',
  pattern: /^update(?:\s+(\S{1,10}))?$/i,
  async run(turn, match) {
    if (match[1] === undefined) return replyActionChoice(turn, 'update');
    const action = await actionForCommand(turn, match[1] ?? '', 'updateAction');
    if (action) await replyCard(turn, await formCardFor(turn, { actionId: action.id, mode: 'update' }));
  },
};
