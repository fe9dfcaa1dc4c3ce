import type { Kysely } from 'kysely';
import type { IsoDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { programmeLeads } from '../people/people.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { dueStatus } from '../plan/due-status.js';
import { newId } from '../shared/ids.js';
import type { ReminderMessages } from './reminder-messages.js';
import { isEscalationDue, type ReminderPolicy, workingDaysLeft } from './reminder-policy.js';
import './reminders.table.js';

/**
 * Escalates open actions overdue by the policy's working days to the programme leads: each action once per
 * due date (recorded in `escalations`, which the digest lists), one card per lead per day for all of them.
 */
export async function escalateOverdue(
  db: Kysely<DB>,
  orgId: string,
  context: {
    today: IsoDate;
    now: Date;
    policy: ReminderPolicy;
    messages: ReminderMessages;
    open: ActionView[];
  },
): Promise<number> {
  const { today, now, policy, messages } = context;
  const due = context.open.filter((a) => isEscalationDue(a.dueDate, today, policy));
  if (due.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('escalations')
      .values(
        due.map((a) => ({
          id: newId(),
          org_id: orgId,
          action_id: a.id,
          due_date: a.dueDate,
          escalated_on: today,
          working_days_overdue: -workingDaysLeft(a.dueDate, today),
          owner_roles: JSON.stringify(a.ownerRoles),
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['org_id', 'action_id', 'due_date']).doNothing())
      .returning('action_id')
      .execute();
    if (inserted.length === 0) return 0;
    const ids = new Set(inserted.map((r) => r.action_id));
    const items = due
      .filter((a) => ids.has(a.id))
      .map((action) => ({ action, due: dueStatus(action.dueDate, action.state, today) }));
    const activity = messages.escalation({ today, escalateAfter: policy.escalateAfter, items }, now);
    for (const lead of await programmeLeads(trx, orgId)) {
      await enqueueMessage(
        trx,
        orgId,
        {
          key: `escalation:${today}:${lead.id}`,
          kind: 'escalation',
          target: { personId: lead.id },
          activity,
        },
        now,
      );
    }
    return inserted.length;
  });
}
