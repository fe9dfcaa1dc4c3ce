import type { Kysely } from 'kysely';
import type { IsoDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { listActions } from '../plan/action.repository.js';
import { escalateOverdue } from './escalation.service.js';
import { aadIdsOf, logReminder } from './reminder.repository.js';
import { reminderItemsByPerson } from './reminder-items.js';
import type { ReminderMessages } from './reminder-messages.js';
import { type ReminderPolicy, windowOf } from './reminder-policy.js';

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
  const { today, now, timeZone, policy, messages } = context;
  const open = (await listActions(db, orgId)).filter((a) => a.state === 'open');
  const perPerson = await reminderItemsByPerson(db, orgId, open, today, policy);
  const aad = await aadIdsOf(db, orgId, [...perPerson.keys()]);
  let reminded = 0;
  for (const [personId, items] of perPerson) {
    if (!items.some((i) => i.trigger)) continue;
    const sent = await db.transaction().execute(async (trx) => {
      const reminderId = await logReminder(trx, orgId, personId, items, { today, now });
      if (!reminderId) return false;
      const view = {
        reminderId,
        today,
        windowDays: windowOf(policy),
        timeZone,
        items,
        refreshFor: aad.get(personId),
      };
      const intent = {
        key: `reminder:${today}:${personId}`,
        kind: 'reminder',
        target: { personId },
        activity: messages.reminder(view, now),
      };
      await enqueueMessage(trx, orgId, intent, now);
      return true;
    });
    if (sent) reminded++;
  }
  const escalated = await escalateOverdue(db, orgId, { today, now, policy, messages, open });
  return { reminded, escalated };
}
