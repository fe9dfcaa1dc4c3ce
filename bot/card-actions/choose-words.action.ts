import { CHOOSE_ACTION_VERB, chooseActionDataSchema } from '../../cards/which-action.card.js';
import { canOnAction } from '../../src/access/viewer.js';
import { findActionById } from '../../src/plan/action.repository.js';
import { NOT_YOURS } from '../../src/updates/status-update.js';
import { confirmWordsCard } from '../commands/words-confirm.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, refusalCard } from './update-replies.js';

/** An action chosen for a plain-text answer that named none: the confirmation for it (nothing saved yet). */
export const chooseWordsAction = defineCardAction({
  verb: CHOOSE_ACTION_VERB,
  schema: chooseActionDataSchema,
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    const action = await findActionById(turn.app.db, turn.orgId, data.actionId);
    if (!action || !(await canOnAction(turn.app.db, turn.viewer, action, 'updateAction'))) {
      return refusalCard({ message: NOT_YOURS });
    }
    return confirmWordsCard(action, data.words);
  },
});
