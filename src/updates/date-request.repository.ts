import type { Executor } from '../db/executor.js';
import type { DateRequest } from './date-request.js';
import './updates.table.js';

function requests(db: Executor, orgId: string) {
  return db
    .selectFrom('date_requests as r')
    .innerJoin('people as asker', 'asker.id', 'r.requested_by_person_id')
    .leftJoin('people as decider', 'decider.id', 'r.decided_by_person_id')
    .select([
      'r.id',
      'r.action_id',
      'r.requested_by_person_id',
      'asker.display_name as asker_name',
      'r.current_due_date',
      'r.requested_date',
      'r.reason',
      'r.state',
      'r.decided_by_person_id',
      'decider.display_name as decider_name',
      'r.decision_reason',
      'r.decided_at',
      'r.created_at',
    ])
    .where('r.org_id', '=', orgId);
}

type Row = Awaited<ReturnType<ReturnType<typeof requests>['execute']>>[number];

function toRequest(r: Row): DateRequest {
  return {
    id: r.id,
    actionId: r.action_id,
    requestedBy: { id: r.requested_by_person_id, name: r.asker_name },
    currentDueDate: r.current_due_date,
    requestedDate: r.requested_date,
    reason: r.reason,
    state: r.state,
    decidedBy: r.decided_by_person_id ? { id: r.decided_by_person_id, name: r.decider_name ?? '' } : null,
    decisionReason: r.decision_reason,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
  };
}

export async function findDateRequest(db: Executor, orgId: string, id: string) {
  const row = await requests(db, orgId).where('r.id', '=', id).executeTakeFirst();
  return row && toRequest(row);
}

export async function findDateRequestByKey(db: Executor, orgId: string, key: string) {
  const row = await requests(db, orgId).where('r.idempotency_key', '=', key).executeTakeFirst();
  return row && toRequest(row);
}

export async function pendingDateRequest(db: Executor, orgId: string, actionId: string) {
  const row = await requests(db, orgId)
    .where('r.action_id', '=', actionId)
    .where('r.state', '=', 'pending')
    .orderBy('r.created_at', 'desc')
    .executeTakeFirst();
  return row && toRequest(row);
}

export async function dateRequestsOf(db: Executor, orgId: string, actionId: string) {
  const rows = await requests(db, orgId)
    .where('r.action_id', '=', actionId)
    .orderBy('r.created_at', 'desc')
    .execute();
  return rows.map(toRequest);
}

/**
 * Approved due-date changes decided from `from` (inclusive) to `to` (exclusive), for the digest's "what
 * changed this week": each with the action ref, old and new due date, and who approved it.
 */
export async function listDateChanges(
  db: Executor,
  orgId: string,
  from: Date,
  to: Date,
): Promise<(DateRequest & { ref: string })[]> {
  const rows = await requests(db, orgId)
    .innerJoin('actions as a', 'a.id', 'r.action_id')
    .select('a.ref')
    .where('r.state', '=', 'approved')
    .where('r.decided_at', '>=', from)
    .where('r.decided_at', '<', to)
    .orderBy('r.decided_at')
    .execute();
  return rows.map((r) => ({ ...toRequest(r), ref: r.ref }));
}
