import { z } from 'zod';
import { longDate } from '../src/calendar/iso-date.js';
import type { ActionChoice } from '../src/plan/action-choices.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  firstLine,
  heading,
  text,
} from './card-kit.js';
import { button, OPEN_FORM_VERB } from './update-buttons.js';

/** Verbs of the buttons that show one action, or its history, in place of the card. */
export const SHOW_ACTION_VERB = 'action.show';
export const SHOW_HISTORY_VERB = 'action.history';

export const showActionDataSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist.'),
});

export type ChooseActionPurpose = 'update' | 'done' | 'history' | 'action';

export interface ChooseActionView {
  purpose: ChooseActionPurpose;
  /** The person's own actions the command can be used on, soonest due first. */
  items: ActionChoice[];
}

/** Where a person's actions come from, for someone with none to choose from. */
export const HOW_ACTIONS_COME =
  'Actions come to you when you hold one of their owner roles in the plan, or when an owner delegates one to you. Type `my actions` to see yours.';

/** Cards must stay readable on a phone and under Teams' size limit: longer lists end with "and N more". */
export const MAX_CHOICES_LISTED = 12;

const WORDING: Record<
  ChooseActionPurpose,
  { title: string; intro?: string; button: string; verb: string; mode?: string; empty: [string, string] }
> = {
  update: {
    title: 'Which action do you want to update?',
    button: 'Update',
    verb: OPEN_FORM_VERB,
    mode: 'update',
    empty: ['Nothing to update', 'You have no open actions to update.'],
  },
  done: {
    title: 'Which action is done?',
    intro: 'You will be asked what was delivered and for a link to the evidence.',
    button: 'Done',
    verb: OPEN_FORM_VERB,
    mode: 'done',
    empty: ['Nothing to mark done', 'You have no open actions to mark done.'],
  },
  history: {
    title: 'Which action’s history?',
    button: 'History of',
    verb: SHOW_HISTORY_VERB,
    empty: ['No history to show', 'You have no actions in the plan, so there is no history to show.'],
  },
  action: {
    title: 'Which action?',
    button: 'Open',
    verb: SHOW_ACTION_VERB,
    empty: ['No actions of yours', 'You have no actions in the plan.'],
  },
};

/**
 * A command picked from Teams' command menu (`update`, `done`, `history`, `action`) arrives without a ref:
 * the person's own actions, each with a button that carries on as `update <ref>` (etc.) would.
 */
export function buildChooseActionCard(view: ChooseActionView): AdaptiveCard {
  const w = WORDING[view.purpose];
  if (view.items.length === 0) {
    return adaptiveCard([heading(w.empty[0]), text(w.empty[1]), text(HOW_ACTIONS_COME, { isSubtle: true })]);
  }
  const body: CardElement[] = [heading(w.title)];
  if (w.intro) body.push(text(w.intro, { spacing: 'None', isSubtle: true }));
  for (const { action, due } of view.items.slice(0, MAX_CHOICES_LISTED)) {
    const data = { actionId: action.id, ...(w.mode ? { mode: w.mode } : {}) };
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        text(`**${action.ref}** · ${escapeText(firstLine(action.text, 90))}`),
        text(`Due ${longDate(action.dueDate)} · ${due.label}`, {
          spacing: 'None',
          isSubtle: due.kind !== 'overdue',
          color: due.kind === 'overdue' ? 'Attention' : 'Default',
        }),
        // why: a title naming the ref, so a screen reader's list of buttons says which action each is for.
        { type: 'ActionSet', actions: [button(`${w.button} ${action.ref}`, w.verb, data)] },
      ],
    });
  }
  const hidden = view.items.length - MAX_CHOICES_LISTED;
  const example = view.items[0]?.action.ref ?? '3a';
  body.push(
    text(
      hidden > 0
        ? `… and ${hidden} more: type \`${view.purpose} ‹ref›\`, for example \`${view.purpose} ${example}\`.`
        : `Or type \`${view.purpose} ‹ref›\`, for example \`${view.purpose} ${example}\`.`,
      { isSubtle: true, spacing: 'Medium' },
    ),
  );
  return adaptiveCard(body);
}
