import { statusLine } from '../../cards/action.card.js';
import { allows } from '../access/permissions.js';
import { can, canOnAction, type Viewer } from '../access/viewer.js';
import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import type { ActionView } from '../plan/action-view.js';
import { dueStatus } from '../plan/due-status.js';
import { updatesWithAuthors } from '../updates/action-history.js';
import type { TabAction, TabHistoryEntry } from './tab-api.types.js';

/** Most updates shown per action in the tab's history (the audit log keeps all of them). */
export const HISTORY_LIMIT = 20;

/** The latest updates of each action, newest first, with their authors' names. */
export async function historiesOf(
  db: Executor,
  orgId: string,
  actionIds: string[],
): Promise<Map<string, TabHistoryEntry[]>> {
  const out = new Map<string, TabHistoryEntry[]>(actionIds.map((id) => [id, []]));
  if (actionIds.length === 0) return out;
  const rows = await updatesWithAuthors(db, orgId)
    .where('u.action_id', 'in', actionIds)
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .execute();
  for (const r of rows) {
    const list = out.get(r.action_id);
    if (!list || list.length >= HISTORY_LIMIT) continue;
    list.push({
      kind: r.kind,
      rag: r.rag,
      percent: r.percent,
      narrative: r.narrative,
      evidenceUrl: r.evidence_url,
      blockers: r.blockers,
      author: r.display_name,
      at: r.created_at.toISOString(),
    });
  }
  return out;
}

/** Actions as the My actions tab shows them: due status, status words, history and what the viewer may do. */
export async function tabActions(
  db: Executor,
  viewer: Viewer,
  actions: ActionView[],
  today: IsoDate,
  now: Date,
): Promise<TabAction[]> {
  const histories = await historiesOf(
    db,
    viewer.orgId,
    actions.map((a) => a.id),
  );
  // why: the matrix decides, but without a query per action when the answer is already known: a lead's or
  // admin's right does not depend on the action, and holding an owner role is known from the roles in hand.
  const always = can(viewer, 'updateAction');
  const asOwner = allows(['owner'], 'updateAction');
  const mayUpdate = async (a: ActionView) =>
    always ||
    (asOwner && viewer.roles.some((r) => a.ownerRoles.includes(r))) ||
    canOnAction(db, viewer, a, 'updateAction');
  return Promise.all(
    actions.map(async (a) => {
      const due = dueStatus(a.dueDate, a.state, today);
      return {
        id: a.id,
        ref: a.ref,
        text: a.text,
        priorityArea: a.priorityArea,
        objectiveNumber: a.objectiveNumber,
        objectiveText: a.objectiveText,
        ownersText: a.ownersText,
        dueDate: a.dueDate,
        dueText: a.dueText,
        due: { kind: due.kind, label: due.label },
        state: a.state,
        rag: a.rag,
        percent: a.percent,
        // why: the same status words as the cards, from the cards' own function.
        status: statusLine(a, now),
        measures: a.measures.map((m) => ({ text: m.text, isHealthCheck: m.isHealthCheck })),
        history: histories.get(a.id) ?? [],
        canUpdate: await mayUpdate(a),
      };
    }),
  );
}
