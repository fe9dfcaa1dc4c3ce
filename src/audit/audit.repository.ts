import type { Executor } from '../db/executor.js';

export interface AuditEntry {
  actorPersonId?: string | null;
  /** Who acted, as people will read it: a person's name, or 'import', 'scheduler', 'cli'. */
  actor: string;
  entity: string;
  entityId: string;
  change: string;
  before?: unknown;
  after?: unknown;
}

/** Rows per insert: PostgreSQL takes at most 65,535 bind parameters in one statement (9 per row here). */
const AUDIT_BATCH = 1_000;

/** Appends to the audit log, in the caller's transaction. The log is never updated or deleted. */
export async function recordAudit(
  db: Executor,
  orgId: string,
  entries: AuditEntry[],
  at: Date,
): Promise<void> {
  for (let start = 0; start < entries.length; start += AUDIT_BATCH) {
    await insertAudit(db, orgId, entries.slice(start, start + AUDIT_BATCH), at);
  }
}

async function insertAudit(db: Executor, orgId: string, entries: AuditEntry[], at: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        org_id: orgId,
        actor_person_id: e.actorPersonId ?? null,
        actor: e.actor,
        entity: e.entity,
        entity_id: e.entityId,
        change: e.change,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
        at,
      })),
    )
    .execute();
}

export async function listAudit(db: Executor, orgId: string, entity: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}
