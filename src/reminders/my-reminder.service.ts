import type { Kysely } from 'kysely';
import type { IsoDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { listActions } from '../plan/action.repository.js';
import { logReminder, type ReminderRow } from './reminder.repository.js';
import { reminderItemsByPerson } from './reminder-items.js';
import type { ReminderPolicy } from './reminder-policy.js';

/**
 * `reminders`: today's reminder card for one person, on request. Today's card if there is one; otherwise a
 * new one is logged (it counts as today's, so the scheduled run will not send a second). Undefined when
 * nothing of theirs is due within the window or overdue.
 */
export async function myReminderToday(
  db: Kysely<DB>,
  orgId: string,
  personId: string,
  context: { today: IsoDate; now: Date; policy: ReminderPolicy },
): Promise<ReminderRow | undefined> {
  const { today, now, policy } = context;
  const existing = () =>
    db
      .selectFrom('reminders')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('person_id', '=', personId)
      .where('reminder_date', '=', today)
      .executeTakeFirst();
  const found = await existing();
  if (found) return found;
  const open = (await listActions(db, orgId)).filter((a) => a.state === 'open');
  const items = (await reminderItemsByPerson(db, orgId, open, today, policy)).get(personId);
  if (!items?.length) return undefined;
  await logReminder(db, orgId, personId, items, { today, now });
  return existing();
}
