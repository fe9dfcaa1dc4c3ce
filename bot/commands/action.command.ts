import { escapeText } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { canOnAction } from '../../src/access/viewer.js';
import { findActionByRef } from '../../src/plan/action.repository.js';
import { actionCardFor } from '../card-actions/show-action.action.js';
import { replyCard } from '../turn.js';
import { replyActionChoice } from './choose-action.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

/** `action 3a`: one action in full, with the buttons the sender may use; bare `action` asks which. */
export const actionCommand: BotCommand = {
  personalOnly: true,
  usage: 'action ‹ref›',
  summary: 'One action in full, e.g. `action 3a`.',
  pattern: /^action(?:\s+(\S{1,10}))?$/i,
  async run(turn, match) {
    if (match[1] === undefined) return replyActionChoice(turn, 'action');
    if (!turn.viewer) return replyNotOnRoster(turn);
    const action = await findActionByRef(turn.app.db, turn.orgId, match[1]);
    if (!action || !(await canOnAction(turn.app.db, turn.viewer, action, 'viewAction'))) {
      const ref = escapeText(match[1]);
      return replyCard(
        turn,
        buildNoticeCard({
          title: `No action ${ref} for you`,
          lines: ['Type `my actions` to see the actions you can open.'],
        }),
      );
    }
    await replyCard(turn, await actionCardFor(turn, action));
  },
};
