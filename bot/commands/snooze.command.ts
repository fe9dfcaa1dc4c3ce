import { buildNoticeCard } from '../../cards/notice.card.js';
import { longDate } from '../../src/calendar/iso-date.js';
import { snoozeAction } from '../../src/updates/snooze.service.js';
import { refusalCard } from '../card-actions/update-replies.js';
import { replyCard } from '../turn.js';
import { replyActionChoice } from './choose-action.js';
import type { BotCommand } from './command.js';
import { actionForCommand } from './update-ref.js';

/**
 * `snooze 3a 3`: no reminders about 3a for 3 working days (never past the day before it is due); bare `snooze`
 * says how, with the sender's refs.
 */
export const snoozeCommand: BotCommand = {
  personalOnly: true,
  usage: 'snooze ‹ref› ‹working days›',
  summary: 'Pause reminders about an action, e.g. `snooze 3a 3` (at most until it is due).',
  pattern: /^snooze(?:\s+(\S{1,10})\s+(\d{1,3}))?$/i,
  async run(turn, match) {
    if (match[1] === undefined) return replyActionChoice(turn, 'snooze');
    const action = await actionForCommand(turn, match[1] ?? '', 'updateAction');
    if (!action || !turn.viewer) return;
    const result = await snoozeAction(
      turn.app.db,
      turn.viewer,
      { ref: action.ref, days: Number(match[2]) },
      { today: turn.today, now: turn.now },
    );
    if (result.kind === 'refused') return replyCard(turn, refusalCard(result));
    const capped = result.capped ? ' (the day before it is due: the due-day reminder still comes)' : '';
    await replyCard(
      turn,
      buildNoticeCard({
        title: `Reminders about ${result.ref} paused`,
        lines: [`No reminders about ${result.ref} until the end of ${longDate(result.until)}${capped}.`],
      }),
    );
  },
};
