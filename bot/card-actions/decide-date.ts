import { buildApprovalCard } from '../../cards/approval.card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { dateRequestMessages } from '../../cards/reminder-messages.js';
import { canOnAction } from '../../src/access/viewer.js';
import { findActionById } from '../../src/plan/action.repository.js';
import { decideDateRequest } from '../../src/updates/date-decision.service.js';
import { findDateRequest } from '../../src/updates/date-request.repository.js';
import type { BotTurn } from '../turn.js';
import { notOnRosterCard, refusalCard } from './update-replies.js';

/** Approve or Decline on an approval card: the lead's card becomes the read-only decision. */
export async function decideDate(
  turn: BotTurn,
  data: { requestId: string; reason?: string | undefined },
  decision: 'approve' | 'decline',
): Promise<AdaptiveCard> {
  if (!turn.viewer) return notOnRosterCard();
  const tz = turn.app.config.TIME_ZONE;
  const result = await decideDateRequest(
    turn.app.db,
    turn.viewer,
    { requestId: data.requestId, decision, reason: data.reason },
    { now: turn.now, messages: dateRequestMessages(tz, turn.now) },
  );
  if (result.kind !== 'refused') return buildApprovalCard(result, turn.now, tz);
  if (result.reason !== 'invalid') return refusalCard(result);
  const request = await findDateRequest(turn.app.db, turn.orgId, data.requestId);
  const action = request && (await findActionById(turn.app.db, turn.orgId, request.actionId));
  // why: the input is checked before the permission, so 'invalid' can reach someone who may not see the request.
  return request && action && (await canOnAction(turn.app.db, turn.viewer, action, 'approveDate'))
    ? buildApprovalCard({ request, action }, turn.now, tz, result.message)
    : refusalCard(result);
}
