import type { Kysely } from 'kysely';
import { canOnAction, type Viewer } from '../access/viewer.js';
import { type IsoDate, longDate, shortDate } from '../calendar/iso-date.js';
import type { DB } from '../db/schema.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { programmeLeads } from '../people/people.repository.js';
import { findActionById } from '../plan/action.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { newId } from '../shared/ids.js';
import { auditActionChange } from './audit-by-viewer.js';
import {
  type DateRequest,
  type DateRequestInput,
  type DateRequestMessages,
  dateRequestInputSchema,
} from './date-request.js';
import { findDateRequest, findDateRequestByKey, pendingDateRequest } from './date-request.repository.js';
import { firstProblem } from './status-update.input.js';
import { NOT_YOURS, type Refusal, refused } from './status-update.js';

export type RequestResult =
  | { kind: 'requested' | 'duplicate'; request: DateRequest; action: ActionView }
  | Refusal;

/**
 * An owner asks to move an action's due date: the request is stored (the date does not move yet), audited,
 * and an approval card goes to every programme lead through the outbox, all in one transaction.
 */
export async function requestNewDate(
  db: Kysely<DB>,
  viewer: Viewer,
  input: DateRequestInput,
  context: { now: Date; today: IsoDate; messages: DateRequestMessages },
): Promise<RequestResult> {
  const parsed = dateRequestInputSchema.safeParse(input);
  if (!parsed.success) return refused('invalid', firstProblem(parsed.error));
  const data = parsed.data;
  const { now, today } = context;
  if (data.newDate <= today) {
    return refused('invalid', `The new date must be after today (${longDate(today)}).`);
  }
  const key = data.idempotencyKey
    ? `${viewer.person.id}:${data.idempotencyKey}`
    : `${viewer.person.id}:${newId()}`;
  return db.transaction().execute(async (trx) => {
    const action = await findActionById(trx, viewer.orgId, data.actionId);
    if (!action || !(await canOnAction(trx, viewer, action, 'requestDate'))) {
      return refused(action ? 'not_allowed' : 'not_found', NOT_YOURS);
    }
    const earlier = await findDateRequestByKey(trx, viewer.orgId, key);
    if (earlier) return { kind: 'duplicate' as const, request: earlier, action };
    if (action.state !== 'open') return refused('closed', `${action.ref} is no longer open.`);
    if (data.newDate === action.dueDate) {
      return refused('invalid', `${action.ref} is already due on ${longDate(action.dueDate)}.`);
    }
    const pending = await pendingDateRequest(trx, viewer.orgId, action.id);
    if (pending) {
      return refused(
        'invalid',
        `A new date for ${action.ref} (${shortDate(pending.requestedDate)}) is already waiting for approval.`,
      );
    }
    const id = newId();
    await trx
      .insertInto('date_requests')
      .values({
        id,
        org_id: viewer.orgId,
        action_id: action.id,
        requested_by_person_id: viewer.person.id,
        current_due_date: action.dueDate,
        requested_date: data.newDate,
        reason: data.reason,
        idempotency_key: key,
        created_at: now,
      })
      .execute();
    await auditActionChange(
      trx,
      viewer,
      action.id,
      {
        change: 'date_requested',
        before: { dueDate: action.dueDate },
        after: { requestId: id, requestedDate: data.newDate, reason: data.reason },
      },
      now,
    );
    const request = (await findDateRequest(trx, viewer.orgId, id)) as DateRequest;
    const leads = await programmeLeads(trx, viewer.orgId);
    const refreshFor = leads.flatMap((l) => (l.aad_object_id ? [l.aad_object_id] : []));
    const activity = context.messages.approval({ request, action, refreshFor });
    for (const lead of leads) {
      await enqueueMessage(
        trx,
        viewer.orgId,
        { key: `approval:${id}:${lead.id}`, kind: 'approval', target: { personId: lead.id }, activity },
        now,
      );
    }
    return { kind: 'requested' as const, request, action };
  });
}
