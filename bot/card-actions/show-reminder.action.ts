import { SHOW_REMINDER_VERB, showReminderDataSchema } from '../../cards/update-buttons.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, refusalCard, reminderAfter } from './update-replies.js';

/** *Back* on a form opened from a reminder: the reminder again, as it stands now. */
export const showReminderAction = defineCardAction({
  verb: SHOW_REMINDER_VERB,
  schema: showReminderDataSchema,
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    return (
      (await reminderAfter(turn, data.reminderId)) ??
      refusalCard({
        message: 'This reminder is not yours, or no longer exists. Type `my actions` to see yours.',
      })
    );
  },
});
