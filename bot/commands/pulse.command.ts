import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildPulseCard } from '../../cards/pulse.card.js';
import { buildPulseRefusalCard } from '../../cards/pulse-refusal.card.js';
import { effectiveMinGroup } from '../../src/pulse/anonymity.js';
import { ownAnswers } from '../../src/pulse/answer.service.js';
import { liveRound, roundStatements } from '../../src/pulse/round.repository.js';
import { toChoice } from '../card-actions/pulse-change.action.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';
import { pulseCloseCommand } from './pulse-close.command.js';
import { pulseOpenCommand } from './pulse-open.command.js';
import { pulseResultsCommand } from './pulse-results.command.js';
import { pulseStatusCommand } from './pulse-status.command.js';
import { pulseStopCommand } from './pulse-stop.command.js';

/** `pulse`: (re)sends the open Health Check card, with the person's answers so far if they have answered. */
export const pulseCommand: BotCommand = {
  usage: 'pulse',
  summary: 'Answer the CIS Health Check (anonymous, about 30 seconds).',
  pattern: /^pulse$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    // why: the card shows the person's own answers; in a group chat or channel everyone there would see them.
    if (turn.ctx.activity.conversation?.conversationType !== 'personal') {
      return replyCard(
        turn,
        buildNoticeCard({
          title: 'Answer the Health Check in our 1:1 chat',
          lines: ['Your answers are private: open a 1:1 chat with me and type `pulse` there.'],
        }),
      );
    }
    const round = await liveRound(turn.app.db, turn.orgId);
    if (!round) {
      const reason = turn.viewer.person.is_social_worker ? 'no-round' : 'not-social-worker';
      return replyCard(turn, buildPulseRefusalCard({ reason }));
    }
    const own = await ownAnswers(turn.app.db, turn.orgId, turn.viewer.person.id, round.id, turn.today);
    if ('refused' in own) {
      const reason =
        own.refused === 'not-in-audience' && !turn.viewer.person.is_social_worker
          ? 'not-social-worker'
          : own.refused;
      return replyCard(
        turn,
        buildPulseRefusalCard({ reason, opensOn: round.opens_on, closesOn: round.closes_on }),
      );
    }
    const statements = await roundStatements(turn.app.db, round.id);
    const answered = Object.keys(own.answers).length > 0;
    await replyCard(
      turn,
      buildPulseCard({
        roundId: round.id,
        closesOn: round.closes_on,
        minGroup: effectiveMinGroup(turn.app.config.PULSE_MIN_GROUP),
        statements: statements.map((s) => ({ id: s.id, text: s.text })),
        ...(answered
          ? {
              answers: Object.fromEntries(Object.entries(own.answers).map(([id, v]) => [id, toChoice(v)])),
              comment: own.comment,
              note: 'change' as const,
            }
          : {}),
      }),
    );
  },
};

/** Every pulse command, more specific patterns first; registered with one line in commands/index.ts. */
export const pulseCommands: BotCommand[] = [
  pulseStatusCommand,
  pulseResultsCommand,
  pulseOpenCommand,
  pulseCloseCommand,
  pulseStopCommand,
  pulseCommand,
];
