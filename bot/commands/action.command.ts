import { buildActionCard } from '../../cards/action.card.js';
import { escapeText } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { canOnAction } from '../../src/access/viewer.js';
import { findActionByRef } from '../../src/plan/action.repository.js';
import { dueStatus } from '../../src/plan/due-status.js';
import { latestNarrative } from '../../src/updates/latest-update.js';
import { actionButtonsFor } from '../card-actions/action-buttons.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

export const actionCommand: BotCommand = {
  personalOnly: true,
  usage: 'action <ref>',
  summary: 'One action in full, e.g. `action 3a`.',
  pattern: /^action\s+(\S{1,10})$/i,
  async run(turn, match) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    const action = await findActionByRef(turn.app.db, turn.orgId, match[1]!);
    if (!action || !(await canOnAction(turn.app.db, turn.viewer, action, 'viewAction'))) {
      const ref = escapeText(match[1]!);
      return replyCard(
        turn,
        buildNoticeCard({
          title: `No action ${ref} for you`,
          lines: ['Type `my actions` to see the actions you can open.'],
        }),
      );
    }
    const card = buildActionCard(
      {
        action,
        due: dueStatus(action.dueDate, action.state, turn.today),
        latestNarrative: await latestNarrative(turn.app.db, turn.orgId, action.id),
        buttons: await actionButtonsFor(turn, action),
      },
      turn.now,
    );
    await replyCard(turn, card);
  },
};
