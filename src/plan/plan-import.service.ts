import { type AuditEntry, recordAudit } from '../audit/audit.repository.js';
import type { Executor } from '../db/executor.js';
import { newId } from '../shared/ids.js';
import type { DraftAction, PlanDraft } from './parse-plan.js';
import {
  type ExistingAction,
  ensurePlan,
  loadActions,
  measureKey,
  upsertStructure,
  writeOwnersAndMeasures,
} from './plan-structure.repository.js';

export interface ImportReport {
  added: string[];
  changed: { ref: string; fields: string[] }[];
  withdrawn: string[];
  unchanged: number;
  unknownRoles: { name: string; actions: string[] }[];
}

/** Health Check statements by the measure text the plan uses, for linking measures to statements. */
export type StatementMeasures = { id: string; measure: string }[];

/**
 * Applies a parsed plan in one transaction: adds new actions, updates changed ones, marks missing ones
 * withdrawn (their history stays). Importing the same plan twice changes nothing.
 */
export async function applyPlan(
  trx: Executor,
  orgId: string,
  draft: PlanDraft,
  source: { name: string; file: string; actor: string; statements?: StatementMeasures },
  now: Date,
): Promise<ImportReport> {
  const planId = await ensurePlan(trx, orgId, source, now);
  const objectiveIds = await upsertStructure(trx, planId, draft.actions);
  const existing = await loadActions(trx, planId);
  const statementByMeasure = new Map((source.statements ?? []).map((s) => [measureKey(s.measure), s.id]));
  const report: ImportReport = { added: [], changed: [], withdrawn: [], unchanged: 0, unknownRoles: [] };
  const audit: AuditEntry[] = [];

  for (const action of draft.actions) {
    const objectiveId = objectiveIds.get(action.objectiveNumber)!;
    const before = existing.get(action.ref);
    const after = snapshot(action, objectiveId);
    if (!before) {
      const id = newId();
      await trx
        .insertInto('actions')
        .values({ id, org_id: orgId, plan_id: planId, ...after, created_at: now, updated_at: now })
        .execute();
      await writeOwnersAndMeasures(trx, id, action, statementByMeasure);
      report.added.push(action.ref);
      audit.push({ actor: source.actor, entity: 'action', entityId: id, change: 'added', after: action });
      continue;
    }
    const fields = changedFields(before, action, objectiveId);
    if (fields.length === 0) {
      report.unchanged++;
      continue;
    }
    await trx
      .updateTable('actions')
      .set({
        ...after,
        updated_at: now,
        ...(before.state === 'withdrawn' ? { state: 'open', withdrawn_at: null } : {}),
      })
      .where('id', '=', before.id)
      .execute();
    await trx.deleteFrom('action_owner_roles').where('action_id', '=', before.id).execute();
    await trx.deleteFrom('measures').where('action_id', '=', before.id).execute();
    await writeOwnersAndMeasures(trx, before.id, action, statementByMeasure);
    report.changed.push({ ref: action.ref, fields });
    audit.push({
      actor: source.actor,
      entity: 'action',
      entityId: before.id,
      change: `changed: ${fields.join(', ')}`,
      before,
      after: action,
    });
  }

  const kept = new Set(draft.actions.map((a) => a.ref));
  for (const old of existing.values()) {
    if (kept.has(old.ref) || old.state === 'withdrawn') continue;
    await trx
      .updateTable('actions')
      .set({ state: 'withdrawn', withdrawn_at: now, updated_at: now })
      .where('id', '=', old.id)
      .execute();
    report.withdrawn.push(old.ref);
    audit.push({
      actor: source.actor,
      entity: 'action',
      entityId: old.id,
      change: 'withdrawn',
      before: { state: old.state },
    });
  }
  report.unknownRoles = [...draft.unknownRoles].map(([name, actions]) => ({ name, actions }));
  await recordAudit(trx, orgId, audit, now);
  return report;
}

function snapshot(action: DraftAction, objectiveId: number) {
  return {
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
