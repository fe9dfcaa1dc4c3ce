import { buildNoticeCard } from '../../cards/notice.card.js';
import { unsubscribeDigest } from '../../src/digest/subscription.repository.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { adminChannel } from './digest-channel.js';

export const digestStopCommand: BotCommand = {
  usage: 'digest stop',
  summary: 'Admins, in a channel: stop the weekly digest here.',
  pattern: /^digest\s+stop$/i,
  async run(turn) {
    const refId = await adminChannel(turn);
    if (!refId || !turn.viewer) return;
    const person = turn.viewer.person;
    const stopped = await unsubscribeDigest(
      turn.app.db,
      turn.orgId,
      refId,
      { personId: person.id, actor: person.display_name },
      turn.now,
    );
    await replyCard(
      turn,
      buildNoticeCard({
        title: stopped ? 'Digest stopped' : 'No digest here',
        lines: [
          stopped
            ? 'This channel will not get the weekly digest any more.'
            : 'This channel was not getting the weekly digest.',
        ],
      }),
    );
  },
};
