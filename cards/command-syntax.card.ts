import { longDate } from '../src/calendar/iso-date.js';
import type { ActionChoice } from '../src/plan/action-choices.js';
import { type AdaptiveCard, adaptiveCard, escapeText, facts, firstLine, heading, text } from './card-kit.js';
import { HOW_ACTIONS_COME } from './choose-action.card.js';

export interface CommandSyntaxView {
  command: 'snooze' | 'delegate';
  /** The person's own actions the command can be used on, soonest due first. */
  items: ActionChoice[];
  /** The most working days a snooze may last. */
  maxSnoozeDays: number;
}

/** A FactSet this long still reads on a phone; the rest are named by count. */
export const MAX_REFS_LISTED = 12;

/**
 * `snooze` and `delegate` picked from Teams' command menu arrive without their arguments: how to type them,
 * with the person's own action refs to copy.
 */
export function buildCommandSyntaxCard(view: CommandSyntaxView): AdaptiveCard {
  const ref = view.items[0]?.action.ref ?? '3a';
  const explain =
    view.command === 'snooze'
      ? [
          heading('Pause reminders about an action'),
          text(
            `Type \`snooze ‹ref› ‹working days›\`, for example \`snooze ${ref} 3\`: no reminders about ${ref} for 3 working days. A pause lasts 1 to ${view.maxSnoozeDays} working days and ends before the due day: that day's reminder always comes.`,
          ),
        ]
      : [
          heading('Hand an action to a deputy while you are away'),
          text(
            `Type \`delegate ‹ref› to ‹name or email›\`, for example \`delegate ${ref} to Jo Bloggs\`: they get its reminders and can update it. \`delegate ${ref} to me\` takes it back.`,
          ),
        ];
  if (view.items.length === 0) {
    const empty =
      view.command === 'snooze'
        ? 'You have no open actions due after today, so there are no reminders to pause (an action due today or overdue cannot be snoozed).'
        : 'You own no open actions, so there is nothing to delegate. Only an action’s owners can delegate it.';
    return adaptiveCard([
      ...explain,
      text(empty, { weight: 'Bolder' }),
      text(HOW_ACTIONS_COME, { isSubtle: true }),
    ]);
  }
  const listed = view.items.slice(0, MAX_REFS_LISTED);
  const hidden = view.items.length - listed.length;
  const label = view.command === 'snooze' ? 'Your actions you can snooze:' : 'Actions you own:';
  return adaptiveCard([
    ...explain,
    text(label, { weight: 'Bolder', spacing: 'Medium' }),
    facts(
      listed.map(({ action, due }) => [
        action.ref,
        `${escapeText(firstLine(action.text, 70))} · ${longDate(action.dueDate)} (${due.label})`,
      ]),
    ),
    ...(hidden > 0
      ? [text(`… and ${hidden} more: type \`my actions\` to see them all.`, { isSubtle: true })]
      : []),
  ]);
}
