import { longDate } from '../src/calendar/iso-date.js';
import type { EscalationView } from '../src/reminders/reminder-messages.js';
import { statusLine } from './action.card.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  firstLine,
  heading,
  text,
} from './card-kit.js';

export const MAX_ESCALATED_ITEMS = 10;

/** To programme leads: actions now overdue by the escalation threshold, with their owners and status. */
export function buildEscalationCard(view: EscalationView, now: Date): AdaptiveCard {
  const n = view.items.length;
  const body: CardElement[] = [
    heading(`${n} action${n === 1 ? '' : 's'} overdue by ${view.escalateAfter} working days or more`),
    text('Escalated to programme leads. The owners have been reminded.', { isSubtle: true, spacing: 'None' }),
  ];
  for (const { action, due } of view.items.slice(0, MAX_ESCALATED_ITEMS)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(`**${action.ref}** · ${escapeText(firstLine(action.text))}`),
        text(`Owners: ${escapeText(action.ownersText)}`, { spacing: 'None' }),
        text(`Due ${longDate(action.dueDate)} · ${due.label}`, { spacing: 'None', color: 'Attention' }),
        text(`Last update: ${statusLine(action, now)}`, { spacing: 'None', isSubtle: true }),
      ],
    });
  }
  if (n > MAX_ESCALATED_ITEMS)
    body.push(text(`… and ${n - MAX_ESCALATED_ITEMS} more. The weekly digest lists them all.`));
  body.push(
    text('Type `action ‹ref›` to open one, or `history ‹ref›` to see its updates.', { isSubtle: true }),
  );
  return adaptiveCard(body);
}
