import { z } from 'zod';
import { longDate } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import { MAX_NARRATIVE } from '../src/updates/status-update.input.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  escapeText,
  facts,
  firstLine,
  heading,
  ragText,
  text,
} from './card-kit.js';
import { button, OPEN_FORM_VERB } from './update-buttons.js';

export const SAVE_WORDS_VERB = 'words.save';

export const saveWordsDataSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist.'),
  done: z.boolean().optional(),
  rag: z.enum(['red', 'amber', 'green'], 'Choose a status: red, amber or green.'),
  percent: z.coerce.number().int().min(0).max(100, 'Percent complete must be from 0 to 100.'),
  narrative: z.string().max(MAX_NARRATIVE, `The note must be at most ${MAX_NARRATIVE} characters.`),
  submitKey: z.string().min(1).max(100),
});

export interface ConfirmWordsView {
  action: ActionView;
  rag: 'red' | 'amber' | 'green';
  percent: number;
  done: boolean;
  narrative: string;
  /** Whether RAG and percent came from the words (else carried from the last update). */
  fromWords: { rag: boolean; percent: boolean };
  key: string;
}

/** What a plain-text answer will record, shown before anything is: *Save* records it, *Edit* opens the form. */
export function buildConfirmWordsCard(view: ConfirmWordsView): AdaptiveCard {
  const { action } = view;
  const carried = (from: boolean) => (from ? '' : ' (as last time)');
  const data = {
    actionId: action.id,
    rag: view.rag,
    percent: view.percent,
    narrative: view.narrative,
    done: view.done,
    submitKey: view.key,
  };
  return adaptiveCard(
    [
      heading(`Record this for ${action.ref}?`),
      text(escapeText(firstLine(action.text)), { spacing: 'None', isSubtle: true }),
      facts([
        ['Status', view.done ? 'Done (complete)' : `${ragText(view.rag)}${carried(view.fromWords.rag)}`],
        ['Percent', `${view.percent}%${carried(view.fromWords.percent)}`],
        ['Due', longDate(action.dueDate)],
        ['What happened', escapeText(view.narrative)],
      ]),
      text('Nothing is recorded until you press Save.', { isSubtle: true, size: 'Small' }),
    ],
    [
      button('Save', SAVE_WORDS_VERB, data, { style: 'positive' }),
      button('Edit', OPEN_FORM_VERB, {
        actionId: action.id,
        mode: view.done ? 'done' : 'update',
        submitKey: view.key,
        rag: view.rag,
        percent: view.percent,
        narrative: view.narrative,
      }),
    ],
  );
}
