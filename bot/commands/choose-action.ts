import type { AdaptiveCard } from '../../cards/card-kit.js';
import { buildChooseActionCard } from '../../cards/choose-action.card.js';
import { buildCommandSyntaxCard } from '../../cards/command-syntax.card.js';
import { actionsToChoose, type ChoicePurpose } from '../../src/plan/action-choices.js';
import { MAX_SNOOZE_DAYS } from '../../src/updates/snooze.service.js';
import { type BotTurn, replyCard } from '../turn.js';
import { replyNotOnRoster } from './not-on-roster.js';

/**
 * The answer to a command picked from Teams' command menu, which sends its title alone (`update`, `done` …):
 * the sender's own actions it can be used on, as buttons that carry on, or for `snooze` and `delegate` (which
 * need more than a ref) how to type them with those refs.
 */
export async function replyActionChoice(turn: BotTurn, purpose: ChoicePurpose): Promise<void> {
  if (!turn.viewer) return replyNotOnRoster(turn);
  const items = await actionsToChoose(turn.app.db, turn.viewer, purpose, turn.today);
  const card: AdaptiveCard =
    purpose === 'snooze' || purpose === 'delegate'
      ? buildCommandSyntaxCard({ command: purpose, items, maxSnoozeDays: MAX_SNOOZE_DAYS })
      : buildChooseActionCard({ purpose, items });
  await replyCard(turn, card);
}
