import { escapeText } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { can } from '../../src/access/viewer.js';
import { shortDate } from '../../src/calendar/iso-date.js';
import { PulseInputError } from '../../src/pulse/pulse-errors.js';
import { liveRound } from '../../src/pulse/round.repository.js';
import { type SeriesRow, stopSeries } from '../../src/pulse/series.service.js';
import type { BotTurn } from '../turn.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

/** What stopping a series says, by command or by the status card's button (both check the same things). */
export async function stopSeriesCard(turn: BotTurn, seriesId?: string) {
  if (!turn.viewer || !can(turn.viewer, 'openRound')) {
    return buildNoticeCard({
      title: 'Monthly Health Check not stopped',
      tone: 'warning',
      lines: ['Only the programme office (admins) can stop the monthly Health Check. Nothing was changed.'],
    });
  }
  let stopped: SeriesRow;
  try {
    stopped = await stopSeries(
      turn.app.db,
      turn.orgId,
      { actor: turn.viewer.person.display_name, actorPersonId: turn.viewer.person.id },
      turn.now,
      seriesId,
    );
  } catch (error) {
    if (!(error instanceof PulseInputError)) throw error;
    return buildNoticeCard({
      title: 'Monthly Health Check not stopped',
      tone: 'warning',
      lines: [escapeText(error.message), 'Nothing was changed.'],
    });
  }
  const live = await liveRound(turn.app.db, turn.orgId);
  return buildNoticeCard({
    title: 'Monthly Health Check stopped',
    lines: [
      `No more rounds will open (the next would have opened ${shortDate(stopped.next_opens_on)}).`,
      live
        ? `The round in flight still runs until ${shortDate(live.closes_on)}.`
        : 'Type `pulse open` to start again.',
    ],
  });
}

/** `pulse stop` (admins): ends the monthly series; a round in flight runs to its close. */
export const pulseStopCommand: BotCommand = {
  usage: 'pulse stop',
  summary: 'Stop the monthly Health Check rounds (admins); a round in flight still runs to its close.',
  pattern: /^pulse\s+stop$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    await replyCard(turn, await stopSeriesCard(turn));
  },
};
