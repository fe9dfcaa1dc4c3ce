import type { Kysely } from 'kysely';
import { canOnAction, type Viewer } from '../access/viewer.js';
import type { IsoDate } from '../calendar/iso-date.js';
import { addWorkingDays, workingDaysBetween } from '../calendar/working-days.js';
import type { DB } from '../db/schema.js';
import { findActionByRef } from '../plan/action.repository.js';
import { auditActionChange } from './audit-by-viewer.js';
import { NOT_YOURS, type Refusal, refused } from './status-update.js';
import './updates.table.js';

export const MAX_SNOOZE_DAYS = 20;

/**
 * `snooze 3a 3`: no reminders about the action for the sender for n working days, but never past the day
 * before it is due (the due-day reminder always comes). Audited.
 */
export async function snoozeAction(
  db: Kysely<DB>,
  viewer: Viewer,
  input: { ref: string; days: number },
  context: { today: IsoDate; now: Date },
): Promise<{ kind: 'snoozed'; ref: string; until: IsoDate; capped: boolean } | Refusal> {
  const { today, now } = context;
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SNOOZE_DAYS) {
    return refused('invalid', `Snooze for 1 to ${MAX_SNOOZE_DAYS} working days, e.g. \`snooze 3a 3\`.`);
  }
  return db.transaction().execute(async (trx) => {
    const action = await findActionByRef(trx, viewer.orgId, input.ref);
    if (!action || !(await canOnAction(trx, viewer, action, 'updateAction'))) {
      return refused(action ? 'not_allowed' : 'not_found', NOT_YOURS);
    }
    if (action.state !== 'open')
      return refused('closed', `${action.ref} is not open, so it gets no reminders.`);
    if (workingDaysBetween(today, action.dueDate) < 1) {
      return refused('invalid', `${action.ref} is due today or overdue, so its reminders cannot be snoozed.`);
    }
    const wanted = addWorkingDays(today, input.days);
    const latest = addWorkingDays(action.dueDate, -1);
    const until = [wanted, latest].sort()[0] as IsoDate;
    await trx
      .insertInto('snoozes')
      .values({
        org_id: viewer.orgId,
        action_id: action.id,
        person_id: viewer.person.id,
        until_date: until,
        created_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'action_id', 'person_id']).doUpdateSet({ until_date: until, created_at: now }),
      )
      .execute();
    await auditActionChange(
      trx,
      viewer,
      action.id,
      {
        change: 'snoozed',
        after: { until, days: input.days },
      },
      now,
    );
    return { kind: 'snoozed' as const, ref: action.ref, until, capped: until !== wanted };
  });
}
