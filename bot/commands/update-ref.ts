import { escapeText } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import type { Capability } from '../../src/access/permissions.js';
import { canOnAction } from '../../src/access/viewer.js';
import { findActionByRef } from '../../src/plan/action.repository.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { type BotTurn, replyCard } from '../turn.js';
import { replyNotOnRoster } from './not-on-roster.js';

/**
 * The action a typed command names, when the sender may use it that way; otherwise replies politely (the
 * same words whether the action does not exist or is not theirs) and returns undefined.
 */
export async function actionForCommand(
  turn: BotTurn,
  ref: string,
  capability: Capability,
): Promise<ActionView | undefined> {
  if (!turn.viewer) {
    await replyNotOnRoster(turn);
    return undefined;
  }
  const action = await findActionByRef(turn.app.db, turn.orgId, ref);
  if (action && (await canOnAction(turn.app.db, turn.viewer, action, capability))) return action;
  await replyCard(
    turn,
    buildNoticeCard({
      title: `No action ${escapeText(ref)} for you`,
      lines: [
        'Only its owners, their delegates and programme leads can do that. Nothing was changed.',
        'Type `my actions` to see yours.',
      ],
    }),
  );
  return undefined;
}

/**
 * Answers in a group chat or channel that this belongs in the 1:1 chat, and returns false there.
 * why: a card there is one card for everyone: anyone's tap replaces it for all, and a person's own answers
 * (a confirmation, their reminder) would be on show.
 */
export async function inPersonalChat(turn: BotTurn, what: string): Promise<boolean> {
  if (turn.ctx.activity.conversation?.conversationType === 'personal') return true;
  await replyCard(
    turn,
    buildNoticeCard({
      title: `${what} in our 1:1 chat`,
      lines: ['Open a 1:1 chat with me and type it there.'],
    }),
  );
  return false;
}
