import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildWhichActionCard } from '../../cards/which-action.card.js';
import { canOnAction } from '../../src/access/viewer.js';
import { addDays } from '../../src/calendar/iso-date.js';
import { findActionById, findActionByRef, listActionsFor } from '../../src/plan/action.repository.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { latestReminderOf } from '../../src/reminders/reminder.repository.js';
import { parseWords, STATUS_ANSWER_PATTERN } from '../../src/updates/parse-words.js';
import { MAX_NARRATIVE } from '../../src/updates/status-update.input.js';
import { type BotTurn, replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';
import { inPersonalChat } from './update-ref.js';
import { confirmWordsCard, TOO_LONG } from './words-confirm.js';

/**
 * A status answer that does not start like a command: a mistyped `snooze 3a` gets help, not a
 * confirmation card for 3a.
 */
const ANSWER = new RegExp(
  `^(?!\\s*(?:update|snooze|delegate|history|action|reminders?|remind|pulse|digest|help|whoami|my)\\b)[\\s\\S]*?(?:${STATUS_ANSWER_PATTERN.source})`,
  'i',
);

/** A reminder older than this is not what a plain-text reply answers. */
const REMINDER_MEMORY_DAYS = 14;

async function updatable(turn: BotTurn, actions: (ActionView | undefined)[]): Promise<ActionView[]> {
  const out: ActionView[] = [];
  for (const a of actions) {
    if (a && a.state === 'open' && (await canOnAction(turn.app.db, turn.viewer, a, 'updateAction')))
      out.push(a);
  }
  return out;
}

/** The open actions the sender's latest reminder (of the last two weeks) covered that they may update. */
export async function remindedActions(turn: BotTurn): Promise<ActionView[]> {
  const { db } = turn.app;
  if (!turn.viewer) return [];
  const since = addDays(turn.today, -REMINDER_MEMORY_DAYS);
  const reminder = await latestReminderOf(db, turn.orgId, turn.viewer.person.id, since);
  if (!reminder) return [];
  return updatable(
    turn,
    await Promise.all(reminder.action_ids.map((id) => findActionById(db, turn.orgId, id))),
  );
}

/** The actions the words could be about: those they name, else the last reminder's, else all the sender's. */
async function candidates(turn: BotTurn, refs: string[]): Promise<ActionView[]> {
  const { db } = turn.app;
  if (refs.length)
    return updatable(turn, await Promise.all(refs.map((r) => findActionByRef(db, turn.orgId, r))));
  const listed = await remindedActions(turn);
  if (listed.length) return listed;
  return updatable(turn, await listActionsFor(db, turn.orgId, turn.viewer?.person.id ?? ''));
}

/**
 * Answering in words: "3a on track, comms plan signed off by the DCS" gets a confirmation card with *Save*
 * and *Edit*; nothing is recorded until *Save*. Matched last, so every command wins over it.
 */
export const wordsCommand: BotCommand = {
  usage: '‹ref› ‹what happened›',
  summary:
    'Answer a reminder in words, e.g. `7c on track, comms plan signed off`. You confirm before it is saved.',
  pattern: ANSWER,
  async run(turn, match) {
    const words = match.input;
    if (!turn.viewer) return replyNotOnRoster(turn);
    if (!(await inPersonalChat(turn, 'Answer reminders'))) return;
    if (words.length > MAX_NARRATIVE) return replyCard(turn, TOO_LONG);
    const { refs } = parseWords(words);
    const found = await candidates(turn, refs);
    if (found.length === 0) {
      const named = refs.length
        ? `No action ${refs.join(', ')} that you can update.`
        : 'You have no open actions to update.';
      return replyCard(
        turn,
        buildNoticeCard({ title: 'Nothing was recorded', lines: [named, 'Type `my actions` to see yours.'] }),
      );
    }
    if (found.length > 1) return replyCard(turn, buildWhichActionCard({ actions: found, words }));
    await replyCard(turn, confirmWordsCard(found[0] as ActionView, words));
  },
};
