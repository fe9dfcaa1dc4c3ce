import { buildNoticeCard } from '../../cards/notice.card.js';
import { can } from '../../src/access/viewer.js';
import { effectiveMinGroup } from '../../src/pulse/anonymity.js';
import { liveRound } from '../../src/pulse/round.repository.js';
import { closeRound } from '../../src/pulse/round-close.service.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

/** `pulse close` (admins): closes the round in flight now, before its date; answers become anonymous counts. */
export const pulseCloseCommand: BotCommand = {
  usage: 'pulse close',
  summary: 'Close the open Health Check now (admins); results become available.',
  pattern: /^pulse\s+close$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    if (!can(turn.viewer, 'openRound')) {
      return replyCard(
        turn,
        buildNoticeCard({
          title: 'Not closed',
          tone: 'warning',
          lines: ['Only the programme office (admins) can close a Health Check.'],
        }),
      );
    }
    const round = await liveRound(turn.app.db, turn.orgId);
    if (!round)
      return replyCard(
        turn,
        buildNoticeCard({ title: 'Nothing to close', lines: ['No Health Check is open or scheduled.'] }),
      );
    const closed = await closeRound(
      turn.app.db,
      turn.orgId,
      round.id,
      turn.viewer.person.display_name,
      turn.now,
    );
    const minGroup = effectiveMinGroup(turn.app.config.PULSE_MIN_GROUP);
    const respondents = closed.respondents ?? 0;
    const answered =
      respondents < minGroup
        ? `Fewer than ${minGroup} answered, so no figures will be shown.`
        : `${respondents} of ${closed.audience_size} answered. Type \`pulse results\` to see the results.`;
    await replyCard(
      turn,
      buildNoticeCard({
        title: 'Health Check closed',
        lines: [answered],
      }),
    );
  },
};
