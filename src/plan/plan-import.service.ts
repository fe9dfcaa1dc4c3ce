import { type AuditEntry, recordAudit } from '../audit/audit.repository.js';
import type { Executor } from '../db/executor.js';
import {
  clearOwnersAndMeasures,
  insertActions,
  insertOwnersAndMeasures,
  type MeasureRow,
  type OwnerRow,
  updateActions,
  withdrawActions,
} from './action-writes.repository.js';
import type { PlanDraft } from './parse-plan.js';
import { diffPlan, type WrittenAction } from './plan-diff.js';
import { ensurePlan, measureKey, upsertStructure } from './plan-structure.repository.js';
import { loadActions } from './stored-plan.repository.js';

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
 * withdrawn (their history stays). Importing the same plan twice changes nothing. The stored plan is read
 * once and compared in memory; each table is then written by one statement.
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
  const diff = diffPlan(draft.actions, await loadActions(trx, planId), objectiveIds);
  const added = diff.written.filter((w) => !w.before);
  const changed = diff.written.filter((w) => w.before);
  const statementByMeasure = new Map((source.statements ?? []).map((s) => [measureKey(s.measure), s.id]));

  const addedRows = added.map((w) => w.row);
  const changedRows = changed.map((w) => w.row);
  const owners = diff.written.flatMap(ownerRows);
  const measures = measureRows(diff.written, statementByMeasure);
  const changedIds = changedRows.map((r) => r.id);
  const withdrawnIds = diff.withdrawn.map((a) => a.id);
  // why: in this order so owner rows never meet their old duplicates and new ones find their action.
  await clearOwnersAndMeasures(trx, changedIds);
  await insertActions(trx, { orgId, planId }, addedRows, now);
  await updateActions(trx, changedRows, now);
  await insertOwnersAndMeasures(trx, owners, measures);
  await withdrawActions(trx, withdrawnIds, now);

  const audit: AuditEntry[] = diff.written.map(({ row, action, before, fields }) =>
    before
      ? {
          actor: source.actor,
          entity: 'action',
          entityId: row.id,
          change: `changed: ${fields.join(', ')}`,
          before,
          after: action,
        }
      : { actor: source.actor, entity: 'action', entityId: row.id, change: 'added', after: action },
  );
  for (const old of diff.withdrawn) {
    audit.push({
      actor: source.actor,
      entity: 'action',
      entityId: old.id,
      change: 'withdrawn',
      before: { state: old.state },
    });
  }
  await recordAudit(trx, orgId, audit, now);
  return {
    added: added.map((w) => w.row.ref),
    changed: changed.map((w) => ({ ref: w.row.ref, fields: w.fields })),
    withdrawn: diff.withdrawn.map((a) => a.ref),
    unchanged: diff.unchanged,
    unknownRoles: [...draft.unknownRoles].map(([name, actions]) => ({ name, actions })),
  };
}

const ownerRows = ({ row, action }: WrittenAction): OwnerRow[] =>
  action.ownerRoles.map((role_code, ordinal) => ({ action_id: row.id, role_code, ordinal }));

function measureRows(written: WrittenAction[], statementByMeasure: Map<string, string>): MeasureRow[] {
  return written.flatMap(({ row, action }) =>
    action.measures.map((m, ordinal) => ({
      action_id: row.id,
      ordinal,
      text: m.text,
      is_health_check: m.isHealthCheck,
      statement_id: m.isHealthCheck ? (statementByMeasure.get(measureKey(m.text)) ?? null) : null,
    })),
  );
}
