import type { Kysely } from 'kysely';
import { canOnAction, type Viewer } from '../access/viewer.js';
import { longDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { findActionById } from '../plan/action.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { auditActionChange } from './audit-by-viewer.js';
import {
  type DateDecisionInput,
  type DateRequest,
  type DateRequestMessages,
  dateDecisionInputSchema,
} from './date-request.js';
import { findDateRequest } from './date-request.repository.js';
import { firstProblem } from './status-update.input.js';
import { type Refusal, refused } from './status-update.js';

export type DecisionResult =
  /** `decided`: this call decided it; `already`: it was decided before (by this or another lead). */
  { kind: 'decided' | 'already'; request: DateRequest; action: ActionView } | Refusal;

const NOT_A_LEAD = 'Only programme leads can approve or decline a new date.';

/**
 * A programme lead approves (the due date moves) or declines (a reason is required) a new-date request.
 * The change, the audit entry and the owner's notice are written in one transaction; a request is decided once.
 */
export async function decideDateRequest(
  db: Kysely<DB>,
  viewer: Viewer,
  input: DateDecisionInput,
  context: { now: Date; messages: DateRequestMessages },
): Promise<DecisionResult> {
  const parsed = dateDecisionInputSchema.safeParse(input);
  if (!parsed.success) return refused('invalid', firstProblem(parsed.error));
  const { requestId, decision, reason } = parsed.data;
  const { now } = context;
  return db.transaction().execute(async (trx) => {
    const found = await findDateRequest(trx, viewer.orgId, requestId);
    const action = found && (await findActionById(trx, viewer.orgId, found.actionId));
    if (!found || !action) return refused('not_found', 'This request no longer exists.');
    if (!(await canOnAction(trx, viewer, action, 'approveDate'))) return refused('not_allowed', NOT_A_LEAD);
    if (found.state !== 'pending') return { kind: 'already' as const, request: found, action };
    if (decision === 'decline' && !reason) {
      return refused('invalid', 'Say why the new date is declined, so the owner knows what to do next.');
    }
    const state = decision === 'approve' ? 'approved' : 'declined';
    // why: the state guard makes a second lead's simultaneous tap a no-op instead of a second decision.
    const changed = await trx
      .updateTable('date_requests')
      .set({
        state,
        decided_by_person_id: viewer.person.id,
        decision_reason: reason ?? null,
        decided_at: now,
      })
      .where('org_id', '=', viewer.orgId)
      .where('id', '=', requestId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) {
      const latest = (await findDateRequest(trx, viewer.orgId, requestId)) as DateRequest;
      return { kind: 'already' as const, request: latest, action };
    }
    if (state === 'approved') {
      await trx
        .updateTable('actions')
        .set({ due_date: found.requestedDate, due_text: longDate(found.requestedDate), updated_at: now })
        .where('org_id', '=', viewer.orgId)
        .where('id', '=', action.id)
        .execute();
    }
    await auditActionChange(
      trx,
      viewer,
      action.id,
      {
        change: state === 'approved' ? 'due_date_changed' : 'date_declined',
        before: { dueDate: found.currentDueDate },
        after: {
          dueDate: state === 'approved' ? found.requestedDate : found.currentDueDate,
          requestId,
          reason: reason ?? null,
        },
      },
      now,
    );
    const request = (await findDateRequest(trx, viewer.orgId, requestId)) as DateRequest;
    const after = (await findActionById(trx, viewer.orgId, action.id)) ?? action;
    await enqueueMessage(
      trx,
      viewer.orgId,
      {
        key: `date-decision:${requestId}`,
        kind: 'notice',
        target: { personId: found.requestedBy.id },
        activity: context.messages.outcome({ request, action: after }),
      },
      now,
    );
    return { kind: 'decided' as const, request, action: after };
  });
}
