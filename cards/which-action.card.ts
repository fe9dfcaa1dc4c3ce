import { z } from 'zod';
import type { ActionView } from '../src/plan/action-view.js';
import { MAX_NARRATIVE } from '../src/updates/status-update.input.js';
import { type AdaptiveCard, adaptiveCard, escapeText, firstLine, heading, text } from './card-kit.js';
import { button } from './update-buttons.js';

export const CHOOSE_ACTION_VERB = 'words.choose';

export const chooseActionDataSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist.'),
  words: z.string().min(1).max(MAX_NARRATIVE, `The note must be at most ${MAX_NARRATIVE} characters.`),
});

/** why: Teams (and the Adaptive Cards host config) shows at most 5 actions in a set. */
export const MAX_CHOICES = 5;

/** A plain-text answer that names no action when several could be meant: which one is it about? */
export function buildWhichActionCard(view: { actions: ActionView[]; words: string }): AdaptiveCard {
  const shown = view.actions.slice(0, MAX_CHOICES);
  return adaptiveCard(
    [
      heading('Which action is this about?'),
      text(`"${escapeText(view.words)}"`, { isSubtle: true }),
      ...shown.map((a) => text(`**${a.ref}** · ${escapeText(firstLine(a.text, 80))}`, { spacing: 'Small' })),
      text('Or start your message with the action, e.g. "3a on track, …".', {
        isSubtle: true,
        size: 'Small',
      }),
    ],
    shown.map((a) => button(a.ref, CHOOSE_ACTION_VERB, { actionId: a.id, words: view.words })),
  );
}
