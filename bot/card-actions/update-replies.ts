import type { AdaptiveCard } from '../../cards/card-kit.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildReminderCard } from '../../cards/reminder.card.js';
import { buildUpdateRecordedCard, recordedFacts, recordedLine } from '../../cards/update-recorded.card.js';
import { findReminder } from '../../src/reminders/reminder.repository.js';
import { policyOf, windowOf } from '../../src/reminders/reminder-policy.js';
import { reminderViewNow } from '../../src/reminders/reminder-view.js';
import type { Refusal, StatusUpdateRow } from '../../src/updates/status-update.js';
import type { BotTurn } from '../turn.js';

/** A refusal as a card: what went wrong (already safe text) and that nothing changed. */
export function refusalCard(refusal: Pick<Refusal, 'message'>): AdaptiveCard {
  return buildNoticeCard({ title: 'Nothing was changed', tone: 'error', lines: [refusal.message] });
}

export function notOnRosterCard(): AdaptiveCard {
  return buildNoticeCard({
    title: "I don't know you yet",
    tone: 'error',
    lines: ["You are not on the improvement programme's roster, so nothing was changed."],
  });
}

/**
 * The sender's reminder card rebuilt as it stands now (answered actions read-only), led by `notice`; undefined
 * when the card was not a reminder, is someone else's, or has nothing left to answer.
 */
export async function reminderAfter(
  turn: BotTurn,
  reminderId: string | undefined,
  notice?: { line: string; facts?: [string, string][] },
): Promise<AdaptiveCard | undefined> {
  if (!reminderId || !turn.viewer) return undefined;
  const reminder = await findReminder(turn.app.db, turn.orgId, reminderId);
  if (!reminder || reminder.person_id !== turn.viewer.person.id) return undefined;
  const view = await reminderViewNow(turn.app.db, reminder, {
    today: turn.today,
    windowDays: windowOf(policyOf(turn.app.config)),
    timeZone: turn.app.config.TIME_ZONE,
  });
  if (notice && view.items.every((i) => i.answer)) return undefined;
  return buildReminderCard(view, turn.now, notice);
}

/** After a recorded (or repeated) update: the reminder with its other actions, or the read-only summary. */
export async function recordedReply(
  turn: BotTurn,
  result: { kind: 'recorded' | 'duplicate'; update: StatusUpdateRow; action: { ref: string } },
  beforePercent: number | null,
  reminderId: string | undefined,
): Promise<AdaptiveCard> {
  const view = {
    action: result.action,
    update: result.update,
    beforePercent,
    timeZone: turn.app.config.TIME_ZONE,
    duplicate: result.kind === 'duplicate',
  };
  const notice = { line: recordedLine(view), facts: recordedFacts(view.update) };
  return (await reminderAfter(turn, reminderId, notice)) ?? buildUpdateRecordedCard(view);
}
