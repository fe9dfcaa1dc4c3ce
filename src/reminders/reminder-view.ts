import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import { findActionById } from '../plan/action.repository.js';
import { dueStatus } from '../plan/due-status.js';
import { dateRequestsOf } from '../updates/date-request.repository.js';
import { aadIdsOf, type ReminderRow } from './reminder.repository.js';
import type { ReminderAnswer, ReminderItem, ReminderView } from './reminder-messages.js';

/** The answer given to an action since the reminder was sent, if any: the latest update, or a new-date request. */
async function answerSince(
  db: Executor,
  orgId: string,
  actionId: string,
  since: Date,
): Promise<ReminderAnswer | undefined> {
  const [latest, previous] = await db
    .selectFrom('status_updates')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('action_id', '=', actionId)
    .orderBy('created_at', 'desc')
    .limit(2)
    .execute();
  if (latest && latest.created_at >= since) {
    return { kind: 'update', update: latest, beforePercent: previous?.percent ?? null };
  }
  const request = (await dateRequestsOf(db, orgId, actionId)).find((r) => r.createdAt >= since);
  return request ? { kind: 'date', request } : undefined;
}

/** A sent reminder as it stands now: the same actions, each with its current status and any answer since. */
export async function reminderViewNow(
  db: Executor,
  reminder: ReminderRow,
  context: { today: IsoDate; windowDays: number; timeZone: string },
): Promise<ReminderView> {
  const items: ReminderItem[] = [];
  for (const actionId of reminder.action_ids) {
    const action = await findActionById(db, reminder.org_id, actionId);
    if (!action) continue;
    const trigger = reminder.triggers.find((t) => t.actionId === actionId);
    const answer = await answerSince(db, reminder.org_id, actionId, reminder.created_at);
    items.push({
      action,
      due: dueStatus(action.dueDate, action.state, context.today),
      ...(trigger ? { trigger } : {}),
      ...(answer ? { answer } : {}),
    });
  }
  return {
    reminderId: reminder.id,
    today: context.today,
    windowDays: context.windowDays,
    timeZone: context.timeZone,
    items,
    refreshFor: (await aadIdsOf(db, reminder.org_id, [reminder.person_id])).get(reminder.person_id) ?? null,
  };
}
