import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildReminderCard } from '../../cards/reminder.card.js';
import { myReminderToday } from '../../src/reminders/my-reminder.service.js';
import { policyOf, windowOf } from '../../src/reminders/reminder-policy.js';
import { reminderViewNow } from '../../src/reminders/reminder-view.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';
import { inPersonalChat } from './update-ref.js';

/** `reminders`: today's reminder card now, with its buttons (what is due soon or overdue). */
export const remindersCommand: BotCommand = {
  usage: 'reminders',
  summary: 'Your reminder card now: actions due in the next working days or overdue, to answer in a tap.',
  pattern: /^(reminders?|remind me)$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    if (!(await inPersonalChat(turn, 'See your reminders'))) return;
    const policy = policyOf(turn.app.config);
    const context = { today: turn.today, now: turn.now, policy };
    const reminder = await myReminderToday(turn.app.db, turn.orgId, turn.viewer.person.id, context);
    if (!reminder) {
      const days = windowOf(policy);
      return replyCard(
        turn,
        buildNoticeCard({
          title: 'Nothing due soon',
          lines: [`None of your actions is due in the next ${days} working days or overdue.`],
        }),
      );
    }
    const view = await reminderViewNow(turn.app.db, reminder, {
      today: turn.today,
      windowDays: windowOf(policy),
      timeZone: turn.app.config.TIME_ZONE,
    });
    await replyCard(turn, buildReminderCard(view, turn.now));
  },
};
