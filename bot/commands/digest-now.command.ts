import { buildDigestCard } from '../../cards/digest.card.js';
import { digestFor } from '../../src/digest/digest-publisher.js';
import { findSubscription } from '../../src/digest/subscription.repository.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { channelRef, digestReader } from './digest-channel.js';

export const digestNowCommand: BotCommand = {
  usage: 'digest now',
  summary: "Leads and admins, in a channel: today's digest here (with the channel's area filter).",
  pattern: /^digest\s+now$/i,
  async run(turn) {
    if (!(await digestReader(turn))) return;
    const refId = await channelRef(turn);
    if (!refId) return;
    const { config, db } = turn.app;
    const subscription = await findSubscription(db, turn.orgId, refId);
    const view = await digestFor(db, turn.orgId, config, turn.now, subscription?.priorityAreas ?? []);
    await replyCard(turn, buildDigestCard(view, config.PULSE_MIN_GROUP));
  },
};
