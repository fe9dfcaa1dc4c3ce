import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.js';
import { type IsoDate, longDate } from '../calendar/iso-date.js';
import { addWorkingDays, workingDaysBetween } from '../calendar/working-days.js';
import type { DB } from '../db/schema.js';

/** The first due date lands this many working days after today, so its 7-day reminder goes out on the first day. */
export const DEMO_LEAD_DAYS = 7;
/** A month of the plan becomes about two weeks, so a demo sees months of deadlines in a few weeks. */
export const DEMO_COMPRESSION = 2;

/** Where `--demo-dates` moves a due date: same order and rough spacing, starting just after `today`. */
export function demoDueDate(dueDate: IsoDate, earliest: IsoDate, today: IsoDate): IsoDate {
  const offset = Math.round(workingDaysBetween(earliest, dueDate) / DEMO_COMPRESSION);
  return addWorkingDays(today, DEMO_LEAD_DAYS + offset);
}

/**
 * Moves every open action's due date into the weeks after `today` (sample and demo only: the plan's own
 * dates are years past). Audited as 'demo_dates'; returns how many actions moved.
 */
export async function shiftToDemoDates(
  db: Kysely<DB>,
  orgId: string,
  today: IsoDate,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const actions = await trx
      .selectFrom('actions')
      .select(['id', 'due_date'])
      .where('org_id', '=', orgId)
      .where('state', '=', 'open')
      .orderBy('due_date')
      .execute();
    const earliest = actions[0]?.due_date;
    if (!earliest) return 0;
    for (const action of actions) {
      const moved = demoDueDate(action.due_date, earliest, today);
      await trx
        .updateTable('actions')
        .set({ due_date: moved, due_text: longDate(moved), updated_at: now })
        .where('id', '=', action.id)
        .execute();
    }
    await recordAudit(
      trx,
      orgId,
      [
        {
          actor: 'sample import',
          entity: 'plan',
          entityId: orgId,
          change: 'demo_dates',
          after: { today, actions: actions.length },
        },
      ],
      now,
    );
    return actions.length;
  });
}
