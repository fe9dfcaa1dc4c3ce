import type { AdaptiveCard } from '../../cards/card-kit.js';
import { canOnAction } from '../../src/access/viewer.js';
import { findActionById } from '../../src/plan/action.repository.js';
import type { ActionView } from '../../src/plan/action-view.js';
import type { BotTurn } from '../turn.js';
import { notOnRosterCard, refusalCard } from './update-replies.js';

/** The same words whether the action does not exist or is not the viewer's: nothing is disclosed either way. */
export const NOT_YOURS_TO_SEE =
  'That action is not one you can see. Only its owners, their delegates and programme leads can. Type `my actions` to see yours.';

/**
 * The action a card's button names, when the sender may see it (decided from the sender, never the card);
 * otherwise the refusal to show instead.
 */
export async function viewableAction(
  turn: BotTurn,
  actionId: string,
): Promise<{ action: ActionView; card?: undefined } | { action?: undefined; card: AdaptiveCard }> {
  if (!turn.viewer) return { card: notOnRosterCard() };
  const action = await findActionById(turn.app.db, turn.orgId, actionId);
  if (!action || !(await canOnAction(turn.app.db, turn.viewer, action, 'viewAction')))
    return { card: refusalCard({ message: NOT_YOURS_TO_SEE }) };
  return { action };
}
