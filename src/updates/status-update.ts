import type { Selectable } from 'kysely';
import type { StatusUpdatesTable } from '../db/schema.js';
import type { ActionView } from '../plan/action-view.js';

/** What a status update records: a full update, "on track" in one tap, done, or a call for help. */
export type UpdateKind = 'update' | 'on_track' | 'done' | 'help';

export type StatusUpdateRow = Selectable<StatusUpdatesTable>;

export type RefusalReason = 'invalid' | 'not_found' | 'not_allowed' | 'closed';

/** A refusal the person reads: what went wrong and that nothing was changed. */
export interface Refusal {
  kind: 'refused';
  reason: RefusalReason;
  message: string;
}

export type RecordResult =
  | {
      kind: 'recorded';
      update: StatusUpdateRow;
      /** The action as it stands after the update. */
      action: ActionView;
      before: { rag: ActionView['rag']; percent: number | null };
    }
  /** The same submit seen again (double tap, redelivery): nothing new recorded; the first update returned. */
  | { kind: 'duplicate'; update: StatusUpdateRow; action: ActionView }
  | Refusal;

export function refused(reason: RefusalReason, message: string): Refusal {
  return { kind: 'refused', reason, message };
}

/** The message for an action the person may not see or change: the same whether or not it exists. */
export const NOT_YOURS =
  'That action is not one you can update. Only its owners, their delegates and programme leads can.';
