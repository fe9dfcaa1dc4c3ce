import { buildHistoryCard } from '../../cards/history.card.js';
import { actionHistory } from '../../src/updates/action-history.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { actionForCommand } from './update-ref.js';

/** `history 3a`: who updated the action, when, and what they said. */
export const historyCommand: BotCommand = {
  personalOnly: true,
  usage: 'history <ref>',
  summary: 'The latest updates and date requests of an action.',
  pattern: /^history\s+(\S{1,10})$/i,
  async run(turn, match) {
    const action = await actionForCommand(turn, match[1] ?? '', 'viewAction');
    if (!action) return;
    const history = await actionHistory(turn.app.db, turn.orgId, action.id);
    await replyCard(turn, buildHistoryCard({ action, ...history, timeZone: turn.app.config.TIME_ZONE }));
  },
};
