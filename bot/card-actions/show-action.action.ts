import { buildActionCard } from '../../cards/action.card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { SHOW_ACTION_VERB, showActionDataSchema } from '../../cards/choose-action.card.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { dueStatus } from '../../src/plan/due-status.js';
import { latestNarrative } from '../../src/updates/latest-update.js';
import type { BotTurn } from '../turn.js';
import { actionButtonsFor } from './action-buttons.js';
import { defineCardAction } from './card-action.js';
import { viewableAction } from './viewable-action.js';

/** The `action <ref>` card: the action in full, with the buttons the viewer may use. */
export async function actionCardFor(turn: BotTurn, action: ActionView): Promise<AdaptiveCard> {
  return buildActionCard(
    {
      action,
      due: dueStatus(action.dueDate, action.state, turn.today),
      latestNarrative: await latestNarrative(turn.app.db, turn.orgId, action.id),
      buttons: await actionButtonsFor(turn, action),
    },
    turn.now,
  );
}

/** *Open 7c* on the card a bare `action` answers with: the action card in its place. */
export const showActionAction = defineCardAction({
  verb: SHOW_ACTION_VERB,
  schema: showActionDataSchema,
  async run(turn, data) {
    const found = await viewableAction(turn, data.actionId);
    return found.card ?? actionCardFor(turn, found.action);
  },
});
