import { buildDigestCard } from '../../cards/digest.card.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { enqueueMessage } from '../../src/delivery/outbox.repository.js';
import { digestActivity, digestFor } from '../../src/digest/digest-publisher.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { digestReader } from './digest-channel.js';

export const digestPreviewCommand: BotCommand = {
  usage: 'digest preview',
  summary: "Leads and admins: this week's digest, to you alone.",
  pattern: /^digest\s+preview$/i,
  async run(turn) {
    const viewer = await digestReader(turn);
    if (!viewer) return;
    const { config, db } = turn.app;
    const view = await digestFor(db, turn.orgId, config, turn.now);
    if (turn.ctx.activity.conversation?.conversationType === 'personal') {
      return replyCard(turn, buildDigestCard(view, config.PULSE_MIN_GROUP));
    }
    // why: asked in a channel or group chat, the preview must not show there: it goes to the 1:1 chat.
    await enqueueMessage(
      db,
      turn.orgId,
      {
        key: `digest-preview:${viewer.person.id}:${turn.ctx.activity.id ?? turn.now.toISOString()}`,
        kind: 'digest',
        target: { personId: viewer.person.id },
        activity: digestActivity(view, config.PULSE_MIN_GROUP),
      },
      turn.now,
    );
    await replyCard(
      turn,
      buildNoticeCard({ title: 'Preview sent', lines: ['I sent you the digest in our 1:1 chat.'] }),
    );
  },
};
