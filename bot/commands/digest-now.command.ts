import { buildDigestCard } from '../../cards/digest.card.js';
import { can } from '../../src/access/viewer.js';
import { digestFor } from '../../src/digest/digest-publisher.js';
import { findSubscription } from '../../src/digest/subscription.repository.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { channelRef, refuse } from './digest-channel.js';
import { replyNotOnRoster } from './not-on-roster.js';

export const digestNowCommand: BotCommand = {
  usage: 'digest now',
  summary: "Leads and admins, in a channel: today's digest here (with the channel's area filter).",
  pattern: /^digest\s+now$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    if (!can(turn.viewer, 'previewDigest')) {
      return refuse(
        turn,
        'Only programme leads and admins can do that',
        'The digest is for the programme board.',
      );
    }
    const refId = await channelRef(turn);
    if (!refId) return;
    const { config, db } = turn.app;
    const subscription = await findSubscription(db, turn.orgId, refId);
    const view = await digestFor(db, turn.orgId, config, turn.now, subscription?.priorityAreas ?? []);
    await replyCard(turn, buildDigestCard(view, config.PULSE_MIN_GROUP));
  },
};
