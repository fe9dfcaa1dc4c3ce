import type { AdaptiveCard } from '../../cards/card-kit.js';
import { SHOW_HISTORY_VERB, showActionDataSchema } from '../../cards/choose-action.card.js';
import { buildHistoryCard } from '../../cards/history.card.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { actionHistory } from '../../src/updates/action-history.js';
import type { BotTurn } from '../turn.js';
import { defineCardAction } from './card-action.js';
import { viewableAction } from './viewable-action.js';

/** The `history <ref>` card: who updated the action, when, and what they said. */
export async function historyCardFor(turn: BotTurn, action: ActionView): Promise<AdaptiveCard> {
  const history = await actionHistory(turn.app.db, turn.orgId, action.id);
  return buildHistoryCard({ action, ...history, timeZone: turn.app.config.TIME_ZONE });
}

/** *History of 7c* on the card a bare `history` answers with: the history in its place. */
export const showHistoryAction = defineCardAction({
  verb: SHOW_HISTORY_VERB,
  schema: showActionDataSchema,
  async run(turn, data) {
    const found = await viewableAction(turn, data.actionId);
    return found.card ?? historyCardFor(turn, found.action);
  },
});
