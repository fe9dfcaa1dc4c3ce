import type { Viewer } from '../access/viewer.js';
import type { Rag } from '../db/schema.js';
import type { ActionView } from '../plan/action-view.js';
import type { UpdateKind } from './status-update.js';

/** A status update as the service decided it: checked, with its id and the author's scoped key. */
export interface UpdateToWrite {
  id: string;
  kind: UpdateKind;
  rag: Rag;
  percent: number;
  narrative: string | null;
  evidenceUrl: string | null;
  blockers: string | null;
  key: string | null;
}

/** One update with everything its three rows need: the update, the action's status, the audit entry. */
export interface UpdateRow {
  id: string;
  org_id: string;
  action_id: string;
  author_person_id: string;
  actor: string;
  kind: UpdateKind;
  rag: Rag;
  percent: number;
  narrative: string | null;
  evidence_url: string | null;
  blockers: string | null;
  idempotency_key: string | null;
  created_at: string;
  before: string;
  after: string;
}

export function rowOf(viewer: Viewer, action: ActionView, u: UpdateToWrite, now: Date): UpdateRow {
  const state = u.kind === 'done' ? 'complete' : action.state;
  const { narrative, blockers, evidenceUrl } = u;
  return {
    id: u.id,
    org_id: viewer.orgId,
    action_id: action.id,
    author_person_id: viewer.person.id,
    actor: viewer.person.display_name,
    kind: u.kind,
    rag: u.rag,
    percent: u.percent,
    narrative,
    evidence_url: evidenceUrl,
    blockers,
    idempotency_key: u.key,
    created_at: now.toISOString(),
    before: JSON.stringify({ rag: action.rag, percent: action.percent, state: action.state }),
    after: JSON.stringify({
      updateId: u.id,
      rag: u.rag,
      percent: u.percent,
      state,
      narrative,
      blockers,
      evidenceUrl,
    }),
  };
}

/** The columns of status_updates an update row fills, in one order for the statements that write them. */
export const UPDATE_COLUMNS = [
  'id',
  'org_id',
  'action_id',
  'author_person_id',
  'kind',
  'rag',
  'percent',
  'narrative',
  'evidence_url',
  'blockers',
  'idempotency_key',
  'created_at',
] as const;

/** The columns of the audit entry each recorded update gets. */
export const AUDIT_COLUMNS = [
  'org_id',
  'actor_person_id',
  'actor',
  'entity',
  'entity_id',
  'change',
  'before',
  'after',
  'at',
] as const;
