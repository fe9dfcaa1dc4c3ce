import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import type { ActionView } from '../plan/action-view.js';
import { dueStatus } from '../plan/due-status.js';
import type { ReminderItem } from './reminder-messages.js';
import { isInWindow, type ReminderPolicy, reminderTrigger } from './reminder-policy.js';
import { activeSnoozes, reminderRecipients } from './reminder-recipients.js';

const byPlanOrder = (a: ActionView, b: ActionView) =>
  a.objectiveNumber - b.objectiveNumber || a.ref.length - b.ref.length || a.ref.localeCompare(b.ref);

/**
 * For each person, what a reminder card would list today: the open actions they hear about (as owner or
 * delegate, not snoozed) that are due within the window or overdue, soonest first, each with the policy's
 * trigger when it fires today.
 */
export async function reminderItemsByPerson(
  db: Executor,
  orgId: string,
  open: ActionView[],
  today: IsoDate,
  policy: ReminderPolicy,
): Promise<Map<string, ReminderItem[]>> {
  const listed = open.filter((a) => a.state === 'open' && isInWindow(a.dueDate, today, policy));
  const recipients = await reminderRecipients(
    db,
    orgId,
    listed.map((a) => a.id),
  );
  const snoozed = await activeSnoozes(db, orgId, today);
  const perPerson = new Map<string, ReminderItem[]>();
  for (const action of listed) {
    const fired = reminderTrigger(action.dueDate, today, policy);
    const trigger = fired && { actionId: action.id, ref: action.ref, ...fired };
    for (const personId of recipients.get(action.id) ?? []) {
      if (snoozed.has(`${action.id}:${personId}`)) continue;
      const items = perPerson.get(personId) ?? [];
      items.push({
        action,
        due: dueStatus(action.dueDate, action.state, today),
        ...(trigger ? { trigger } : {}),
      });
      perPerson.set(personId, items);
    }
  }
  for (const items of perPerson.values()) {
    items.sort((a, b) => a.action.dueDate.localeCompare(b.action.dueDate) || byPlanOrder(a.action, b.action));
  }
  return perPerson;
}
