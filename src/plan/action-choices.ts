import type { Capability } from '../access/permissions.js';
import { canOnAction, type Viewer } from '../access/viewer.js';
import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import { listActionsFor } from './action.repository.js';
import type { ActionView } from './action-view.js';
import { type DueStatus, dueStatus } from './due-status.js';

/** The typed commands that name one action; from Teams' command menu they arrive bare, without a ref. */
export const CHOICE_PURPOSES = ['update', 'done', 'history', 'action', 'snooze', 'delegate'] as const;
export type ChoicePurpose = (typeof CHOICE_PURPOSES)[number];

export interface ActionChoice {
  action: ActionView;
  due: DueStatus;
}

/**
 * What each command may be used on: the capability it needs and whether the action must still be open.
 * why: a snooze only pauses reminders before the due day (snooze.service), so due-today and overdue actions
 * are not offered; delegating is the owner's own hand-over, so actions delegated to the person are not offered.
 */
const RULES: Record<ChoicePurpose, { capability: Capability; open: boolean; beforeDueDay?: boolean }> = {
  update: { capability: 'updateAction', open: true },
  done: { capability: 'updateAction', open: true },
  history: { capability: 'viewAction', open: false },
  action: { capability: 'viewAction', open: false },
  snooze: { capability: 'updateAction', open: true, beforeDueDay: true },
  delegate: { capability: 'delegateAction', open: true },
};

/**
 * The person's own actions (those `my actions` lists, soonest due first) that the command can be used on, for
 * a bare command to offer as choices. Leads and admins may act on any action, but are offered only their own.
 */
export async function actionsToChoose(
  db: Executor,
  viewer: Viewer,
  purpose: ChoicePurpose,
  today: IsoDate,
): Promise<ActionChoice[]> {
  const rule = RULES[purpose];
  const out: ActionChoice[] = [];
  for (const action of await listActionsFor(db, viewer.orgId, viewer.person.id)) {
    if (rule.open && action.state !== 'open') continue;
    const due = dueStatus(action.dueDate, action.state, today);
    if (rule.beforeDueDay && due.kind !== 'upcoming') continue;
    if (await canOnAction(db, viewer, action, rule.capability)) out.push({ action, due });
  }
  return out;
}
