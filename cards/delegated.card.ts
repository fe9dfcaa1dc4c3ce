import { longDate } from '../src/calendar/iso-date.js';
import type { PersonRow } from '../src/db/schema.js';
import type { ActionView } from '../src/plan/action-view.js';
import { type AdaptiveCard, adaptiveCard, escapeText, firstLine, heading, text } from './card-kit.js';
import { updateButtons } from './update-buttons.js';

/** To a delegate: an owner handed them an action; they get its reminders and can update it from here. */
export function buildDelegatedCard(view: {
  action: ActionView;
  owner: Pick<PersonRow, 'display_name'>;
  key: string;
}): AdaptiveCard {
  const { action } = view;
  return adaptiveCard(
    [
      heading(`${escapeText(view.owner.display_name)} delegated ${action.ref} to you`),
      text(escapeText(firstLine(action.text))),
      text(
        `Due ${longDate(action.dueDate)}. You get its reminders and can update it until they take it back.`,
        {
          isSubtle: true,
        },
      ),
    ],
    updateButtons({ actionId: action.id, submitKey: view.key }),
  );
}
