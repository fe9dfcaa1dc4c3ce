import type { Selectable } from 'kysely';
import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import { newId } from '../shared/ids.js';
import type { ReminderItem } from './reminder-messages.js';
import type { RemindersTable } from './reminders.table.js';

export type ReminderRow = Selectable<RemindersTable>;

/** Logs a person's reminder card for a day; undefined when that day's card was logged already. */
export async function logReminder(
  db: Executor,
  orgId: string,
  personId: string,
  items: ReminderItem[],
  day: { today: IsoDate; now: Date },
): Promise<string | undefined> {
  const row = await db
    .insertInto('reminders')
    .values({
      id: newId(),
      org_id: orgId,
      person_id: personId,
      reminder_date: day.today,
      action_ids: JSON.stringify(items.map((i) => i.action.id)),
      triggers: JSON.stringify(items.flatMap((i) => (i.trigger ? [i.trigger] : []))),
      created_at: day.now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'person_id', 'reminder_date']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function findReminder(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ReminderRow | undefined> {
  return db
    .selectFrom('reminders')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The person's most recent reminder from `since` on, to tell which actions a plain-text reply is about. */
export async function latestReminderOf(
  db: Executor,
  orgId: string,
  personId: string,
  since: IsoDate,
): Promise<ReminderRow | undefined> {
  return db
    .selectFrom('reminders')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('reminder_date', '>=', since)
    .orderBy('reminder_date', 'desc')
    .executeTakeFirst();
}

/** Entra object ids of people, by person id (people without one are left out). */
export async function aadIdsOf(
  db: Executor,
  orgId: string,
  personIds: string[],
): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'aad_object_id'])
    .where('org_id', '=', orgId)
    .where('id', 'in', personIds)
    .where('aad_object_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.aad_object_id as string]));
}
