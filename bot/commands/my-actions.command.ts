import { buildActionListCard } from '../../cards/action-list.card.js';
import { listActionsFor } from '../../src/plan/action.repository.js';
import { dueStatus } from '../../src/plan/due-status.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

export const myActionsCommand: BotCommand = {
  personalOnly: true,
  usage: 'my actions',
  summary: 'The actions you own or act for, soonest due first.',
  pattern: /^my\s+actions?$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    const actions = await listActionsFor(turn.app.db, turn.orgId, turn.viewer.person.id);
    const items = actions.map((action) => ({
      action,
      due: dueStatus(action.dueDate, action.state, turn.today),
    }));
    const open = items.filter((i) => i.action.state === 'open');
    const overdue = open.filter((i) => i.due.kind === 'overdue').length;
    const title = `Your actions: ${open.length} open${overdue ? `, ${overdue} overdue` : ''}`;
    await replyCard(
      turn,
      buildActionListCard({ title, items, emptyText: 'You have no actions in the plan.' }, turn.now),
    );
  },
};
