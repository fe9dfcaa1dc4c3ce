import { newId } from '../shared/ids.js';
import type { PlanActionRow } from './action-writes.repository.js';
import type { DraftAction } from './parse-plan.js';
import type { ExistingAction } from './stored-plan.repository.js';

/** An action of the new plan that is added (no `before`) or changed (`before` and the fields that differ). */
export interface WrittenAction {
  action: DraftAction;
  row: PlanActionRow;
  before?: ExistingAction;
  fields: string[];
}

export interface PlanDiff {
  /** Added and changed actions, in the plan's order. */
  written: WrittenAction[];
  unchanged: number;
  /** Stored actions the plan no longer has and that are not withdrawn yet. */
  withdrawn: ExistingAction[];
}

/** Compares the parsed plan with the stored one, in memory. */
export function diffPlan(
  actions: DraftAction[],
  existing: Map<string, ExistingAction>,
  objectiveIds: Map<number, number>,
): PlanDiff {
  const diff: PlanDiff = { written: [], unchanged: 0, withdrawn: [] };
  for (const action of actions) {
    const objectiveId = objectiveIds.get(action.objectiveNumber)!;
    const before = existing.get(action.ref);
    if (!before) {
      diff.written.push({ action, row: planColumns(newId(), action, objectiveId), fields: [] });
      continue;
    }
    const fields = changedFields(before, action, objectiveId);
    if (fields.length === 0) diff.unchanged++;
    else diff.written.push({ action, row: planColumns(before.id, action, objectiveId), before, fields });
  }
  const kept = new Set(actions.map((a) => a.ref));
  for (const old of existing.values()) {
    if (!kept.has(old.ref) && old.state !== 'withdrawn') diff.withdrawn.push(old);
  }
  return diff;
}

function planColumns(id: string, action: DraftAction, objectiveId: number): PlanActionRow {
  return {
    id,
    objective_id: objectiveId,
    ref: action.ref,
    text: action.text,
    owners_text: action.ownersText,
    due_text: action.dueText,
    due_date: action.dueDate,
  };
}

function changedFields(before: ExistingAction, action: DraftAction, objectiveId: number): string[] {
  const fields: string[] = [];
  if (before.state === 'withdrawn') fields.push('reinstated');
  if (before.text !== action.text) fields.push('text');
  if (before.objective_id !== objectiveId) fields.push('objective');
  if (before.owners_text !== action.ownersText || before.roles.join('/') !== action.ownerRoles.join('/'))
    fields.push('owners');
  if (before.due_date !== action.dueDate || before.due_text !== action.dueText) fields.push('due date');
  if (before.measures.join('\n') !== action.measures.map((m) => m.text).join('\n')) fields.push('measures');
  return fields;
}
