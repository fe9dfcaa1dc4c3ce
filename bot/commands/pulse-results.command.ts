import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildPulseResultsCard } from '../../cards/pulse-results.card.js';
import { allows } from '../../src/access/permissions.js';
import { can } from '../../src/access/viewer.js';
import { effectiveMinGroup } from '../../src/pulse/anonymity.js';
import { roundComments } from '../../src/pulse/pulse-comments.repository.js';
import { latestResults } from '../../src/pulse/pulse-results.service.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

/** `pulse results`: the latest closed round, as a card; teams and comments only for the roles allowed. */
export const pulseResultsCommand: BotCommand = {
  usage: 'pulse results',
  summary: 'Results of the latest closed Health Check, with the trend since the round before.',
  pattern: /^pulse\s+results$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    // Action owners see results too; outside one action, holding a plan role is what makes someone an owner.
    const owner = turn.viewer.roles.length > 0 && allows(['owner'], 'seeResults');
    if (!owner && !can(turn.viewer, 'seeResults')) {
      return replyCard(
        turn,
        buildNoticeCard({
          title: 'Not available to you',
          lines: ['Health Check results are shared with the programme.'],
        }),
      );
    }
    const minGroup = effectiveMinGroup(turn.app.config.PULSE_MIN_GROUP);
    const results = await latestResults(turn.app.db, turn.orgId, minGroup);
    // why: comments and team figures are for leads and admins; in a group chat or channel others would read them.
    const personal = turn.ctx.activity.conversation?.conversationType === 'personal';
    const comments =
      results && personal && can(turn.viewer, 'seeComments')
        ? await roundComments(turn.app.db, turn.orgId, results.round.id, minGroup)
        : undefined;
    await replyCard(
      turn,
      buildPulseResultsCard({
        results,
        minGroup,
        showTeams: personal && can(turn.viewer, 'seeRoundStatus'),
        ...(comments ? { comments } : {}),
      }),
    );
  },
};
