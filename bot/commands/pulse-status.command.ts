import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildPulseStatusCard } from '../../cards/pulse-status.card.js';
import { can } from '../../src/access/viewer.js';
import { pulseStatus, seriesStatus } from '../../src/pulse/pulse-status.service.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

/** `pulse status`: response so far for admins and leads, as counts only. */
export const pulseStatusCommand: BotCommand = {
  usage: 'pulse status',
  summary:
    'How many have answered the open Health Check so far (admins and leads; never who), and when the next monthly round opens.',
  pattern: /^pulse\s+status$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    if (!can(turn.viewer, 'seeRoundStatus')) {
      return replyCard(
        turn,
        buildNoticeCard({
          title: 'Not available to you',
          lines: ['Health Check progress is shown to programme leads and admins.'],
        }),
      );
    }
    const status = await pulseStatus(turn.app.db, turn.orgId, turn.app.config.PULSE_MIN_GROUP);
    const series = await seriesStatus(turn.app.db, turn.orgId);
    await replyCard(
      turn,
      buildPulseStatusCard(status, series && { ...series, canStop: can(turn.viewer, 'openRound') }),
    );
  },
};
