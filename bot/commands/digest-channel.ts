import type { ConversationReference } from 'botbuilder';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { can, type Viewer } from '../../src/access/viewer.js';
import { saveConversation } from '../../src/conversations/conversation.repository.js';
import { captureOf } from '../conversation-capture.js';
import { type BotTurn, replyCard } from '../turn.js';
import { replyNotOnRoster } from './not-on-roster.js';

/** Refusal for a channel-only command typed elsewhere, or by someone who may not use it. */
export function refuse(turn: BotTurn, title: string, line: string): Promise<void> {
  return replyCard(turn, buildNoticeCard({ title, lines: [line], tone: 'warning' }));
}

/**
 * Checks that a digest subscription command comes from an admin in a team channel and returns the stored
 * conversation of the channel itself; otherwise answers and returns undefined.
 */
export async function adminChannel(turn: BotTurn): Promise<string | undefined> {
  if (!turn.viewer) {
    await replyNotOnRoster(turn);
    return undefined;
  }
  if (!can(turn.viewer, 'subscribeDigest')) {
    await refuse(
      turn,
      'Only the programme office can do that',
      'Ask an admin of the improvement programme to subscribe channels to the digest.',
    );
    return undefined;
  }
  return channelRef(turn);
}

/** The sender when a programme lead or admin (who may see a digest on demand); anyone else is answered. */
export async function digestReader(turn: BotTurn): Promise<Viewer | undefined> {
  if (!turn.viewer) {
    await replyNotOnRoster(turn);
    return undefined;
  }
  if (!can(turn.viewer, 'previewDigest')) {
    await refuse(
      turn,
      'Only programme leads and admins can do that',
      'The digest is for the programme board.',
    );
    return undefined;
  }
  return turn.viewer;
}

/** The stored conversation of the team channel this message came from (undefined and answered elsewhere). */
export async function channelRef(turn: BotTurn): Promise<string | undefined> {
  const activity = turn.ctx.activity;
  const channelId = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  if (activity.conversation?.conversationType !== 'channel' || !channelId) {
    await refuse(
      turn,
      'Type this in a channel',
      'Digests go to a team channel: @mention me there with `digest here`.',
    );
    return undefined;
  }
  // why: a message in a channel thread carries the thread's id (`…;messageid=…`); the digest is posted to the
  // channel itself as a new conversation each week, so store the channel's own reference.
  const capture = captureOf(activity);
  const reference = capture.reference as Partial<ConversationReference>;
  return saveConversation(
    turn.app.db,
    turn.orgId,
    {
      ...capture,
      conversationId: channelId,
      reference: {
        ...reference,
        conversation: { ...reference.conversation, id: channelId },
        activityId: undefined,
      },
    },
    turn.now,
  );
}
