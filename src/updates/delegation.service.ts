import type { Kysely } from 'kysely';
import { canOnAction, type Viewer } from '../access/viewer.js';
import type { DB, PersonRow } from '../db/schema.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { findPersonByName } from '../people/people.repository.js';
import { findActionByRef } from '../plan/action.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { newId } from '../shared/ids.js';
import { auditActionChange } from './audit-by-viewer.js';
import { type Refusal, refused } from './status-update.js';

export type DelegationResult =
  | { kind: 'delegated'; ref: string; to: PersonRow }
  | { kind: 'taken_back'; ref: string }
  | { kind: 'ambiguous'; ref: string; matches: PersonRow[] }
  | Refusal;

const ONLY_OWNERS = 'Only an owner of the action can delegate it.';

/**
 * `delegate 3a to <person>` (owner only): the person gets the action's reminders and may update it instead of
 * the owner, until the owner takes it back (`delegate 3a to me`). Replaces the owner's earlier delegation.
 */
export async function delegateAction(
  db: Kysely<DB>,
  viewer: Viewer,
  input: { ref: string; to: string },
  now: Date,
  /** The card telling the delegate, put in the outbox with the change. */
  notice?: (view: { action: ActionView; owner: PersonRow }) => Record<string, unknown>,
): Promise<DelegationResult> {
  return db.transaction().execute(async (trx) => {
    const action = await findActionByRef(trx, viewer.orgId, input.ref);
    if (!action || !(await canOnAction(trx, viewer, action, 'delegateAction'))) {
      return refused(action ? 'not_allowed' : 'not_found', ONLY_OWNERS);
    }
    if (action.state !== 'open') return refused('closed', `${action.ref} is not open.`);
    const wanted = input.to.trim();
    const self = /^(me|myself)$/i.test(wanted);
    const matches = self ? [viewer.person] : await findPersonByName(trx, viewer.orgId, wanted);
    if (matches.length === 0) {
      return refused('invalid', 'No one by that name or email is on the roster. Try their email address.');
    }
    if (matches.length > 1) return { kind: 'ambiguous' as const, ref: action.ref, matches };
    const to = matches[0] as PersonRow;
    const revoked = await trx
      .updateTable('action_delegations')
      .set({ revoked_at: now })
      .where('action_id', '=', action.id)
      .where('owner_person_id', '=', viewer.person.id)
      .where('revoked_at', 'is', null)
      .returning('delegate_person_id')
      .execute();
    const takenBack = to.id === viewer.person.id;
    if (!takenBack) {
      await trx
        .insertInto('action_delegations')
        .values({
          id: newId(),
          action_id: action.id,
          owner_person_id: viewer.person.id,
          delegate_person_id: to.id,
          created_at: now,
          revoked_at: null,
        })
        .execute();
      if (notice) {
        const intent = {
          key: `delegated:${action.id}:${to.id}:${now.getTime()}`,
          kind: 'notice',
          target: { personId: to.id },
          activity: notice({ action, owner: viewer.person }),
        };
        await enqueueMessage(trx, viewer.orgId, intent, now);
      }
    }
    await auditActionChange(
      trx,
      viewer,
      action.id,
      {
        change: takenBack ? 'delegation_revoked' : 'delegated',
        before: { delegates: revoked.map((r) => r.delegate_person_id) },
        after: { delegate: takenBack ? null : to.id },
      },
      now,
    );
    return takenBack
      ? { kind: 'taken_back' as const, ref: action.ref }
      : { kind: 'delegated' as const, ref: action.ref, to };
  });
}
