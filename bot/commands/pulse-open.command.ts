import { escapeText } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { can } from '../../src/access/viewer.js';
import { shortDate } from '../../src/calendar/iso-date.js';
import { PulseInputError } from '../../src/pulse/pulse-errors.js';
import { type OpenedRound, type OpenRequest, openRound } from '../../src/pulse/round.service.js';
import { type BotTurn, replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

const KEYWORDS = ['from', 'until', 'team', 'service'] as const;
type Keyword = (typeof KEYWORDS)[number];
const isKeyword = (word: string): word is Keyword => (KEYWORDS as readonly string[]).includes(word);

/**
 * Reads `[once] [from <date>] [until <date>] [team <name> | service <name>]`; undefined when the words do not
 * fit. `once` (first only) makes a one-off round; without it the round starts a monthly series.
 * A keyword starts a part only the first time, and `team` / `service` not inside a name: team names hold
 * those words ("CiN Team 1", "Assessment Team"), and splitting there asked a team called "1".
 */
export function parseOpenOptions(text: string): Omit<OpenRequest, 'actor'> | undefined {
  const parts: { key: Keyword; words: string[] }[] = [];
  const tokens = text.split(/\s+/).filter(Boolean);
  const once = tokens[0]?.toLowerCase() === 'once';
  for (const word of once ? tokens.slice(1) : tokens) {
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
  const request: Omit<OpenRequest, 'actor'> = once ? { once: true } : {};
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

/** What the monthly series means for this round: when the next one opens, or that there is none. */
function seriesLines(round: OpenedRound): string[] {
  if (!round.series) return ['A one-off round: no monthly series.'];
  const lines = [
    `It repeats monthly: the next round opens ${shortDate(round.series.next_opens_on)}, with the same statements and audience. Type \`pulse stop\` to end the series.`,
  ];
  if (round.replacedSeries) {
    lines.push(
      `This replaces the monthly series whose next round would have opened ${shortDate(round.replacedSeries.next_opens_on)}.`,
    );
  }
  return lines;
}

const refuse = (turn: BotTurn, lines: string[]) =>
  replyCard(turn, buildNoticeCard({ title: 'Health Check not opened', tone: 'warning', lines }));

/** `pulse open …` (admins): opens a round now, or schedules one, for the roster's social workers. */
export const pulseOpenCommand: BotCommand = {
  usage: 'pulse open [once] [until ‹date›] [from ‹date›] [team ‹name›]',
  summary:
    'Open a Health Check round (admins). Default: today, for 10 working days, all social workers, then monthly until `pulse stop`; `once` for a one-off.',
  pattern: /^pulse\s+open(?:\s+(.*))?$/i,
  async run(turn, match) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    if (!can(turn.viewer, 'openRound'))
      return refuse(turn, ['Only the programme office (admins) can open a Health Check.']);
    const options = parseOpenOptions(match[1] ?? '');
    if (!options)
      return refuse(turn, [
        'Try `pulse open until 2026-12-12 team CiN Team 1`, or `pulse open once …` for a one-off round (every part is optional).',
      ]);
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
            ...seriesLines(round),
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
