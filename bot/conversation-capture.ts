import { type Activity, TurnContext } from 'botbuilder';
import type { ConversationCapture } from '../src/conversations/conversation.repository.js';
import type { ConversationKind } from '../src/db/schema.js';

/** The tenant an activity comes from: Teams puts it in channelData.tenant.id (and conversation.tenantId). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { tenant?: { id?: string } } | undefined;
  return data?.tenant?.id ?? activity.conversation?.tenantId ?? undefined;
}

export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** Where to reach this conversation later, as stored for proactive messages. */
export function captureOf(activity: Partial<Activity>): ConversationCapture {
  const data = activity.channelData as
    | { team?: { id?: string }; channel?: { id?: string; name?: string } }
    | undefined;
  const kind = conversationKind(activity);
  return {
    conversationId: activity.conversation?.id ?? '',
    kind,
    serviceUrl: activity.serviceUrl ?? '',
    aadObjectId: kind === 'personal' ? activity.from?.aadObjectId : undefined,
    teamId: data?.team?.id,
    // why: Teams names the General channel only by omission; its id equals the team id.
    channelName: kind === 'channel' ? (data?.channel?.name ?? 'General') : undefined,
    reference: TurnContext.getConversationReference(activity) as Record<string, unknown>,
  };
}
