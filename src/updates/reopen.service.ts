import type { Kysely } from 'kysely';
import { canOnAction, type Viewer } from '../access/viewer.js';
import type { DB } from '../db/schema.js';
import { findActionById } from '../plan/action.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { newId } from '../shared/ids.js';
import { auditActionChange } from './audit-by-viewer.js';
import { type Refusal, refused } from './status-update.js';

/** A programme lead reopens a completed action: it is open again (amber), recorded as an update and audited. */
export async function reopenAction(
  db: Kysely<DB>,
  viewer: Viewer,
  actionId: string,
  now: Date,
): Promise<{ kind: 'reopened'; action: ActionView } | Refusal> {
  return db.transaction().execute(async (trx) => {
    const action = await findActionById(trx, viewer.orgId, actionId);
    if (!action || !(await canOnAction(trx, viewer, action, 'reopenAction'))) {
      return refused(
        action ? 'not_allowed' : 'not_found',
        'Only programme leads can reopen a completed action.',
      );
    }
    if (action.state !== 'complete')
      return refused('closed', `${action.ref} is not complete, so there is nothing to reopen.`);
    const percent = Math.min(action.percent ?? 0, 99);
    await trx
      .insertInto('status_updates')
      .values({
        id: newId(),
        org_id: viewer.orgId,
        action_id: action.id,
        author_person_id: viewer.person.id,
        kind: 'reopen',
        rag: 'amber',
        percent,
        narrative: null,
        evidence_url: null,
        blockers: null,
        idempotency_key: null,
        created_at: now,
      })
      .execute();
    await trx
      .updateTable('actions')
      .set({ state: 'open', completed_at: null, rag: 'amber', percent, last_update_at: now, updated_at: now })
      .where('org_id', '=', viewer.orgId)
      .where('id', '=', action.id)
      .execute();
    await auditActionChange(
      trx,
      viewer,
      action.id,
      {
        change: 'reopened',
        before: { state: 'complete', rag: action.rag, percent: action.percent },
        after: { state: 'open', rag: 'amber', percent },
      },
      now,
    );
    return {
      kind: 'reopened' as const,
      action: (await findActionById(trx, viewer.orgId, action.id)) ?? action,
    };
  });
}
