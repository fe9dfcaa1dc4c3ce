import type { TurnContext } from 'botbuilder';
import { resolveViewer } from '../src/access/viewer.js';
import type { AppContext } from '../src/app-context.js';
import { recordConversation } from '../src/conversations/conversation.repository.js';
import type { RecentConversations } from '../src/conversations/recent-conversations.js';
import { wakeWaitingMessages } from '../src/delivery/wake-waiting.js';
import { ensureOrganisation } from '../src/org/organisation.repository.js';
import { envelopeProblem } from './activity-envelope.js';
import { captureOf, tenantOf } from './conversation-capture.js';
import { type BotTurn, makeTurn } from './turn.js';

/**
 * Admits an activity only from an allowed tenant, stores where its conversation can be reached, and finds the
 * sender on the roster by Entra object id. Returns undefined (and logs) for a tenant that is not allowed.
 */
export async function admitTurn(
  ctx: TurnContext,
  app: AppContext,
  recent: RecentConversations,
): Promise<BotTurn | undefined> {
  const activity = ctx.activity;
  const problem = envelopeProblem(activity);
  if (problem) {
    app.log.warn({ activityId: activity.id, problem }, 'activity refused: malformed envelope');
    return undefined;
  }
  const tenant = tenantOf(activity);
  if (activity.channelId !== 'msteams' || !tenant || !app.config.TENANT_ALLOW_LIST.includes(tenant)) {
    app.log.warn(
      { tenant, channelId: activity.channelId, activityId: activity.id },
      'activity refused: tenant not allowed',
    );
    return undefined;
  }
  const orgId = tenant;
  const key = [tenant, activity.conversation?.id, activity.serviceUrl, activity.from?.aadObjectId].join('|');
  const now = app.clock.now();
  if (!recent.isFresh(key, now.getTime())) {
    await ensureOrganisation(app.db, tenant);
    if (activity.conversation?.id && activity.serviceUrl) {
      const saved = await recordConversation(app.db, orgId, captureOf(activity), now);
      if (saved.isNew) await wakeWaitingMessages(app.db, orgId, now);
    }
    recent.remember(key, now.getTime());
  }
  const viewer = await resolveViewer(app.db, orgId, activity.from?.aadObjectId);
  return makeTurn(ctx, app, orgId, viewer);
}
