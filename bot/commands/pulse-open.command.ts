import { escapeText } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { can } from '../../src/access/viewer.js';
import { shortDate } from '../../src/calendar/iso-date.js';
import { PulseInputError } from '../../src/pulse/pulse-errors.js';
import { type OpenRequest, openRound } from '../../src/pulse/round.service.js';
import { type BotTurn, replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

const KEYWORDS = ['from', 'until', 'team', 'service'] as const;
type Keyword = (typeof KEYWORDS)[number];
const isKeyword = (word: string): word is Keyword => (KEYWORDS as readonly string[]).includes(word);

/**
 * Reads `[from <date>] [until <date>] [team <name> | service <name>]`; undefined when the words do not fit.
 * A keyword starts a part only the first time, and `team` / `service` not inside a name: team names hold
 * those words ("CiN Team 1", "Assessment Team"), and splitting there asked a team called "1".
 */
export function parseOpenOptions(text: string): Omit<OpenRequest, 'actor'> | undefined {
  const parts: { key: Keyword; words: string[] }[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const key = word.toLowerCase();
    const current = parts.at(-1);
    const inName = current?.key === 'team' || current?.key === 'service';
    const starts =
      isKeyword(key) &&
      !parts.some((p) => p.key === key) &&
      !(inName && (key === 'team' || key === 'service'));
    if (starts) parts.push({ key, words: [] });
    else if (current) current.words.push(word);
    else return undefined;
  }
  const request: Omit<OpenRequest, 'actor'> = {};
  for (const { key, words } of parts) {
    if (words.length === 0) return undefined;
    const value = words.join(' ');
    if (key === 'from') request.opensOn = value;
    else if (key === 'until') request.closesOn = value;
    else if (key === 'team') request.team = value;
    else request.service = value;
  }
  return request;
}

const refuse = (turn: BotTurn, lines: string[]) =>
  replyCard(turn, buildNoticeCard({ title: 'Health Check not opened', tone: 'warning', lines }));

/** `pulse open …` (admins): opens a round now, or schedules one, for the roster's social workers. */
export const pulseOpenCommand: BotCommand = {
  usage: 'pulse open [until <date>] [from <date>] [team <name>]',
  summary: 'Open a Health Check round (admins). Default: today, for 10 working days, all social workers.',
  pattern: /^pulse\s+open(?:\s+(.*))?$/i,
  async run(turn, match) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    if (!can(turn.viewer, 'openRound'))
      return refuse(turn, ['Only the programme office (admins) can open a Health Check.']);
    const options = parseOpenOptions(match[1] ?? '');
    if (!options)
      return refuse(turn, ['Try `pulse open until 2026-12-12 team CiN Team 1` (every part is optional).']);
    try {
      const config = turn.app.config;
      const round = await openRound(
        turn.app.db,
        turn.orgId,
        { ...options, actor: turn.viewer.person.display_name, actorPersonId: turn.viewer.person.id },
        { today: turn.today, openDays: config.PULSE_OPEN_DAYS, minGroup: config.PULSE_MIN_GROUP },
        turn.now,
      );
      const when = round.state === 'open' ? 'is open' : `opens ${shortDate(round.opens_on)}`;
      await replyCard(
        turn,
        buildNoticeCard({
          title: `Health Check ${when}`,
          lines: [
            `${round.audience_size} social workers${round.audience_team ? ` in ${escapeText(round.audience_team)}` : ''} are asked; it closes ${shortDate(round.closes_on)}.`,
            'Type `pulse status` to follow the response rate (never who answered).',
          ],
        }),
      );
    } catch (error) {
      if (error instanceof PulseInputError) return refuse(turn, [escapeText(error.message)]);
      throw error;
    }
  },
};
