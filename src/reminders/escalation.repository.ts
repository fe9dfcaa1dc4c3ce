import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import './reminders.table.js';

export interface Escalation {
  actionId: string;
  ref: string;
  dueDate: IsoDate;
  escalatedOn: IsoDate;
  workingDaysOverdue: number;
  /** The action's owner roles when it was escalated (the digest shows them). */
  ownerRoles: string[];
  /** The action's state now: an escalated action may since be complete. */
  state: string;
}

/** Escalations made on local dates from `from` to `to`, both included (the digest's week). */
export async function listEscalations(
  db: Executor,
  orgId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<Escalation[]> {
  const rows = await db
    .selectFrom('escalations as e')
    .innerJoin('actions as a', 'a.id', 'e.action_id')
    .select([
      'e.action_id',
      'a.ref',
      'e.due_date',
      'e.escalated_on',
      'e.working_days_overdue',
      'e.owner_roles',
      'a.state',
    ])
    .where('e.org_id', '=', orgId)
    .where('e.escalated_on', '>=', from)
    .where('e.escalated_on', '<=', to)
    .orderBy('e.escalated_on')
    .orderBy('a.ref')
    .execute();
  return rows.map((r) => ({
    actionId: r.action_id,
    ref: r.ref,
    dueDate: r.due_date,
    escalatedOn: r.escalated_on,
    workingDaysOverdue: r.working_days_overdue,
    ownerRoles: r.owner_roles,
    state: r.state,
  }));
}
