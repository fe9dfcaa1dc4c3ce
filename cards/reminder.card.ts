import { longDate } from '../src/calendar/iso-date.js';
import type { ReminderAnswer, ReminderItem, ReminderView } from '../src/reminders/reminder-messages.js';
import { statusLine } from './action.card.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  facts,
  firstLine,
  heading,
  text,
} from './card-kit.js';
import { refreshFor, SHOW_REMINDER_VERB, updateButtons } from './update-buttons.js';
import { recordedLine } from './update-recorded.card.js';

/** Cards must stay readable on a phone and under Teams' 28 KB: longer bundles end with "and N more". */
export const MAX_REMINDER_ITEMS = 6;
/** Measures shown per action, each cut to its first line. */
const MAX_MEASURES = 2;

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

/** What an answered action shows instead of its buttons. */
export function answerLine(ref: string, answer: ReminderAnswer, timeZone: string): string {
  if (answer.kind === 'update') {
    return recordedLine({
      action: { ref },
      update: answer.update,
      beforePercent: answer.beforePercent,
      timeZone,
    });
  }
  const { request } = answer;
  const date = longDate(request.requestedDate);
  if (request.state === 'pending') return `${ref}: new date ${date} requested, waiting for approval`;
  return `${ref}: new date ${date} ${request.state}`;
}

function item(i: ReminderItem, view: ReminderView, now: Date): CardElement {
  const reminderId = view.reminderId;
  const { action, due } = i;
  const measures = action.measures
    .slice(0, MAX_MEASURES)
    .map((m) => escapeText(firstLine(m.text, 120)))
    .join('; ');
  const items: CardElement[] = [
    text(`**${action.ref}** · ${escapeText(firstLine(action.text))}`),
    text(`Objective ${action.objectiveNumber}: ${escapeText(firstLine(action.objectiveText, 90))}`, {
      spacing: 'None',
      isSubtle: true,
      size: 'Small',
    }),
    text(`Due ${longDate(action.dueDate)} · ${due.label}`, {
      spacing: 'None',
      weight: due.kind === 'overdue' ? 'Bolder' : 'Default',
      color: due.kind === 'overdue' ? 'Attention' : 'Default',
    }),
  ];
  if (measures) items.push(text(`Judged by: ${measures}`, { spacing: 'None', isSubtle: true }));
  items.push(text(`Last update: ${statusLine(action, now)}`, { spacing: 'None', isSubtle: true }));
  if (i.answer)
    items.push(
      text(`✓ ${answerLine(action.ref, i.answer, view.timeZone)}`, { color: 'Good', weight: 'Bolder' }),
    );
  else
    items.push({
      type: 'ActionSet',
      actions: updateButtons({ actionId: action.id, reminderId }),
    });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/**
 * The bundled reminder: every listed action with its due date, measure, last update and five answers.
 * Rebuilt after each answer: answered actions show what was recorded, read-only; `notice` leads the card.
 */
export function buildReminderCard(
  view: ReminderView,
  now: Date,
  notice?: { line: string; facts?: [string, string][] },
): AdaptiveCard {
  const open = view.items.filter((i) => !i.answer).length;
  const body: CardElement[] = [];
  if (notice) body.push(text(`✓ ${notice.line}`, { weight: 'Bolder', color: 'Good', size: 'Medium' }));
  if (notice?.facts?.length) body.push(facts(notice.facts));
  body.push(
    heading(open === 0 ? 'All answered, thank you' : reminderTitle(view)),
    ...view.items.slice(0, MAX_REMINDER_ITEMS).map((i) => item(i, view, now)),
  );
  const hidden = view.items.length - MAX_REMINDER_ITEMS;
  if (hidden > 0) body.push(text(`… and ${hidden} more. Type \`my actions\` to see them all.`));
  body.push(
    text('You can also reply in words, e.g. "7c on track, comms plan signed off".', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  const viewer = view.refreshFor ? [view.refreshFor] : [];
  return {
    ...adaptiveCard(body),
    ...refreshFor(SHOW_REMINDER_VERB, { reminderId: view.reminderId }, viewer),
  };
}
