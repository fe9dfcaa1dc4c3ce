import type { ReminderMessages } from '../src/reminders/reminder-messages.js';
import type { DateRequestMessages } from '../src/updates/date-request.js';
import { buildApprovalCard } from './approval.card.js';
import type { AdaptiveCard } from './card-kit.js';
import { buildDateOutcomeCard } from './date-outcome.card.js';
import { buildEscalationCard } from './escalation.card.js';
import { buildReminderCard } from './reminder.card.js';

/** A Bot Framework message activity carrying one card, as the outbox stores it. */
export function cardMessage(card: AdaptiveCard): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}

/** The reminder job's messages, rendered with the cards here. */
export const reminderMessages: ReminderMessages = {
  reminder: (view, now) => cardMessage(buildReminderCard(view, now)),
  escalation: (view, now) => cardMessage(buildEscalationCard(view, now)),
};

/** The new-date request's messages, in the plan's time zone. */
export function dateRequestMessages(timeZone: string, now: Date): DateRequestMessages {
  return {
    approval: (view) => cardMessage(buildApprovalCard(view, now, timeZone)),
    outcome: (view) => cardMessage(buildDateOutcomeCard(view, timeZone)),
  };
}
