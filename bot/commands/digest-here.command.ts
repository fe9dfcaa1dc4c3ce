import { buildNoticeCard } from '../../cards/notice.card.js';
import { shortDate } from '../../src/calendar/iso-date.js';
import { nextSlot } from '../../src/digest/digest-week.js';
import { subscribeDigest } from '../../src/digest/subscription.repository.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { resolveAreas } from './digest-areas.js';
import { adminChannel, refuse } from './digest-channel.js';

export const digestHereCommand: BotCommand = {
  usage: 'digest here [for ‹priority area›, …]',
  summary: 'Admins, in a channel: send the weekly digest here (optionally for some priority areas).',
  pattern: /^digest\s+here(?:\s+for\s+(.+))?$/i,
  async run(turn, match) {
    const refId = await adminChannel(turn);
    if (!refId || !turn.viewer) return;
    const areas = await resolveAreas(turn.app.db, turn.orgId, match[1]);
    if (!areas.ok) return refuse(turn, 'Which priority areas?', areas.message);
    const person = turn.viewer.person;
    await subscribeDigest(
      turn.app.db,
      turn.orgId,
      {
        conversationRefId: refId,
        priorityAreas: areas.names,
        personId: person.id,
        actor: person.display_name,
      },
      turn.now,
    );
    const slot = nextSlot(turn.now, turn.today, turn.app.config);
    const scope = areas.names.length ? `for ${areas.names.join(', ')}` : 'for the whole plan';
    await replyCard(
      turn,
      buildNoticeCard({
        title: 'This channel gets the weekly digest',
        lines: [
          `Digest ${scope}, first on ${shortDate(slot.date)} ${slot.date.slice(0, 4)} at ${turn.app.config.DIGEST_TIME}.`,
          'Type `digest stop` here to end it, or `digest now` to see it today.',
        ],
      }),
    );
  },
};
