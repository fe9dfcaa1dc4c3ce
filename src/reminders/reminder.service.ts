import type { Kysely } from 'kysely';
import type { IsoDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { listActions } from '../plan/action.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { dueStatus } from '../plan/due-status.js';
import { newId } from '../shared/ids.js';
import { escalateOverdue } from './escalation.service.js';
import type { ReminderItem, ReminderMessages } from './reminder-messages.js';
import { isInWindow, type ReminderPolicy, reminderTrigger, windowOf } from './reminder-policy.js';
import { activeSnoozes, reminderRecipients } from './reminder-recipients.js';
import type { ReminderTrigger } from './reminders.table.js';

export interface ReminderRun {
  /** People sent a reminder card by this run (0 when an earlier run already did today's). */
  reminded: number;
  /** Actions escalated by this run. */
  escalated: number;
}

/**
 * Today's reminders for one organisation: for each person, one card listing their open actions that are
 * due within the window or overdue, sent when the policy fires for at least one of them. Each card is
 * logged and queued in one transaction, keyed by person and day, so a rerun or a second copy sends nothing.
 */
export async function runReminders(
  db: Kysely<DB>,
  orgId: string,
  context: {
    today: IsoDate;
    now: Date;
    timeZone: string;
    policy: ReminderPolicy;
    messages: ReminderMessages;
  },
): Promise<ReminderRun> {
  const { today, now, policy, messages } = context;
  const open = (await listActions(db, orgId)).filter((a) => a.state === 'open');
  const listed = open.filter((a) => isInWindow(a.dueDate, today, policy));
  const recipients = await reminderRecipients(
    db,
    orgId,
    listed.map((a) => a.id),
  );
  const snoozed = await activeSnoozes(db, orgId, today);
  const perPerson = new Map<string, ReminderItem[]>();
  for (const action of listed) {
    for (const personId of recipients.get(action.id) ?? []) {
      if (snoozed.has(`${action.id}:${personId}`)) continue;
      const fired = reminderTrigger(action.dueDate, today, policy);
      const trigger: ReminderTrigger | undefined = fired && {
        actionId: action.id,
        ref: action.ref,
        ...fired,
      };
      const items = perPerson.get(personId) ?? [];
      items.push({
        action,
        due: dueStatus(action.dueDate, action.state, today),
        ...(trigger ? { trigger } : {}),
      });
      perPerson.set(personId, items);
    }
  }
  let reminded = 0;
  for (const [personId, items] of perPerson) {
    if (!items.some((i) => i.trigger)) continue;
    const sent = await sendReminder(db, orgId, personId, sortItems(items), {
      today,
      now,
      windowDays: windowOf(policy),
      timeZone: context.timeZone,
      messages,
    });
    if (sent) reminded++;
  }
  const escalated = await escalateOverdue(db, orgId, { today, now, policy, messages, open });
  return { reminded, escalated };
}

const sortItems = (items: ReminderItem[]) =>
  [...items].sort((a, b) => a.action.dueDate.localeCompare(b.action.dueDate) || byRef(a.action, b.action));

const byRef = (a: ActionView, b: ActionView) =>
  a.objectiveNumber - b.objectiveNumber || a.ref.length - b.ref.length || a.ref.localeCompare(b.ref);

async function sendReminder(
  db: Kysely<DB>,
  orgId: string,
  personId: string,
  items: ReminderItem[],
  context: { today: IsoDate; now: Date; windowDays: number; timeZone: string; messages: ReminderMessages },
): Promise<boolean> {
  const { today, now, windowDays, timeZone, messages } = context;
  return db.transaction().execute(async (trx) => {
    const reminderId = newId();
    const logged = await trx
      .insertInto('reminders')
      .values({
        id: reminderId,
        org_id: orgId,
        person_id: personId,
        reminder_date: today,
        action_ids: JSON.stringify(items.map((i) => i.action.id)),
        triggers: JSON.stringify(items.flatMap((i) => (i.trigger ? [i.trigger] : []))),
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['org_id', 'person_id', 'reminder_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!logged) return false;
    await enqueueMessage(
      trx,
      orgId,
      {
        key: `reminder:${today}:${personId}`,
        kind: 'reminder',
        target: { personId },
        activity: messages.reminder({ reminderId, today, windowDays, timeZone, items }, now),
      },
      now,
    );
    return true;
  });
}
