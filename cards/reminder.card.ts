import { longDate } from '../src/calendar/iso-date.js';
import type { ReminderItem, ReminderView } from '../src/reminders/reminder-messages.js';
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
import { updateButtons } from './update-buttons.js';

/** Cards must stay readable on a phone and under Teams' 28 KB: longer bundles end with "and N more". */
export const MAX_REMINDER_ITEMS = 8;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 actions due in the next 14 working days, 1 overdue". */
export function reminderTitle(view: ReminderView): string {
  const overdue = view.items.filter((i) => i.due.kind === 'overdue').length;
  const upcoming = view.items.length - overdue;
  const parts: string[] = [];
  if (upcoming) parts.push(`${plural(upcoming, 'action')} due in the next ${view.windowDays} working days`);
  if (overdue) parts.push(upcoming ? `${overdue} overdue` : `${plural(overdue, 'action')} overdue`);
  return parts.join(', ');
}

function item(i: ReminderItem, reminderId: string, now: Date): CardElement {
  const { action, due } = i;
  const measures = action.measures.map((m) => escapeText(m.text)).join('; ');
  const items: CardElement[] = [
    text(`**${action.ref}** · ${escapeText(firstLine(action.text))}`),
    text(`Due ${longDate(action.dueDate)} · ${due.label}`, {
      spacing: 'None',
      weight: due.kind === 'overdue' ? 'Bolder' : 'Default',
      color: due.kind === 'overdue' ? 'Attention' : 'Default',
    }),
  ];
  if (measures) items.push(text(`Judged by: ${measures}`, { spacing: 'None', isSubtle: true }));
  items.push(text(`Last update: ${statusLine(action, now)}`, { spacing: 'None', isSubtle: true }));
  if (i.recorded) items.push(text(`✓ ${i.recorded}`, { color: 'Good', weight: 'Bolder' }));
  else
    items.push({
      type: 'ActionSet',
      actions: updateButtons({ actionId: action.id, reminderId, key: `${reminderId}:${action.id}` }),
    });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** The bundled reminder: every listed action with its due date, measure, last update and five answers. */
export function buildReminderCard(view: ReminderView, now: Date): AdaptiveCard {
  const open = view.items.filter((i) => !i.recorded).length;
  const body: CardElement[] = [
    heading(open === 0 ? 'All answered, thank you' : reminderTitle(view)),
    ...view.items.slice(0, MAX_REMINDER_ITEMS).map((i) => item(i, view.reminderId, now)),
  ];
  const hidden = view.items.length - MAX_REMINDER_ITEMS;
  if (hidden > 0) body.push(text(`… and ${hidden} more. Type \`my actions\` to see them all.`));
  body.push(
    text('You can also reply in words, e.g. "7c on track, comms plan signed off".', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  return adaptiveCard(body);
}
