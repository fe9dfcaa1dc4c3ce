import { escapeText } from '../../cards/card-kit.js';
import { buildDelegatedCard } from '../../cards/delegated.card.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { cardMessage } from '../../cards/reminder-messages.js';
import { newId } from '../../src/shared/ids.js';
import { delegateAction } from '../../src/updates/delegation.service.js';
import { refusalCard } from '../card-actions/update-replies.js';
import { replyCard } from '../turn.js';
import { replyActionChoice } from './choose-action.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

/** `delegate 3a to <person>` (owners only); `delegate 3a to me` takes it back; bare `delegate` says how. */
export const delegateCommand: BotCommand = {
  personalOnly: true,
  usage: 'delegate ‹ref› to ‹person›',
  summary:
    'While you are away, someone else gets the reminders and can update (owners; `to me` takes it back).',
  pattern: /^delegate(?:\s+(\S{1,10})\s+to\s+(.{1,200}))?$/i,
  async run(turn, match) {
    if (match[1] === undefined) return replyActionChoice(turn, 'delegate');
    if (!turn.viewer) return replyNotOnRoster(turn);
    const input = { ref: match[1] ?? '', to: match[2] ?? '' };
    const result = await delegateAction(turn.app.db, turn.viewer, input, turn.now, (view) =>
      cardMessage(buildDelegatedCard({ ...view, key: newId() })),
    );
    if (result.kind === 'refused') return replyCard(turn, refusalCard(result));
    if (result.kind === 'ambiguous') {
      const names = result.matches.map((p) => `${escapeText(p.display_name)} (${escapeText(p.email)})`);
      return replyCard(
        turn,
        buildNoticeCard({
          title: 'Who do you mean?',
          lines: ['More than one person matches. Use their email:', ...names],
        }),
      );
    }
    const lines =
      result.kind === 'taken_back'
        ? [`You have ${result.ref} back: its reminders come to you again.`]
        : [
            `${escapeText(result.to.display_name)} now gets the reminders for ${result.ref} and can update it.`,
            `Type \`delegate ${result.ref} to me\` to take it back.`,
          ];
    await replyCard(turn, buildNoticeCard({ title: `${result.ref} delegated`, lines }));
  },
};
