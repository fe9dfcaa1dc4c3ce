import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import '../pulse/pulse.table.js';
import '../updates/updates.table.js';

/**
 * One kind of free text that retention removes. `count` says how many rows still hold such text from before the
 * cutoff (the dry run); `purge` removes it and returns how many rows it changed. Both are scoped to one organisation.
 * Add a step here when a new table keeps free text people typed.
 */
export interface PurgeStep {
  name: string;
  count(db: Executor, orgId: string, cutoff: Date): Promise<number>;
  purge(db: Executor, orgId: string, cutoff: Date): Promise<number>;
}

const statusUpdateText: PurgeStep = {
  name: 'status_updates.narrative, blockers',
  async count(db, orgId, cutoff) {
    const row = await db
      .selectFrom('status_updates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('created_at', '<', cutoff)
      .where((eb) => eb.or([eb('narrative', 'is not', null), eb('blockers', 'is not', null)]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async purge(db, orgId, cutoff) {
    const result = await db
      .updateTable('status_updates')
      .set({ narrative: null, blockers: null })
      .where('org_id', '=', orgId)
      .where('created_at', '<', cutoff)
      .where((eb) => eb.or([eb('narrative', 'is not', null), eb('blockers', 'is not', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};

/** Comments of Health Check rounds that closed before the cutoff (open rounds keep theirs until they close). */
const pulseComments: PurgeStep = {
  name: 'pulse_comments.text',
  async count(db, orgId, cutoff) {
    const row = await db
      .selectFrom('pulse_comments')
      .innerJoin('pulse_rounds', 'pulse_rounds.id', 'pulse_comments.round_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('pulse_rounds.org_id', '=', orgId)
      .where('pulse_rounds.closed_at', '<', cutoff)
      .where('pulse_comments.text', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async purge(db, orgId, cutoff) {
    const result = await db
      .updateTable('pulse_comments')
      .set({ text: null })
      .where('text', 'is not', null)
      .where('round_id', 'in', (eb) =>
        eb
          .selectFrom('pulse_rounds')
          .select('id')
          .where('org_id', '=', orgId)
          .where('closed_at', '<', cutoff),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};

/** Reasons given for a new due date, and for the decision on it. */
const dateRequestReasons: PurgeStep = {
  name: 'date_requests.reason, decision_reason',
  async count(db, orgId, cutoff) {
    const row = await db
      .selectFrom('date_requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('created_at', '<', cutoff)
      .where((eb) => eb.or([eb('reason', '<>', ''), eb('decision_reason', 'is not', null)]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async purge(db, orgId, cutoff) {
    const result = await db
      .updateTable('date_requests')
      // why: reason is NOT NULL (every request must give one), so it is emptied rather than nulled.
      .set({ reason: '', decision_reason: null })
      .where('org_id', '=', orgId)
      .where('created_at', '<', cutoff)
      .where((eb) => eb.or([eb('reason', '<>', ''), eb('decision_reason', 'is not', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};

/** What a sent message's payload becomes: its card may have quoted a help request, a reason or a note. */
export const PURGED_PAYLOAD = { type: 'message', purged: true } as const;

// why: retention would be void if the outbox kept the cards that quoted the text; a sent or failed message
// is never sent again, and its row keeps what delivery status needs (kind, state, ids, times).
const outboxPayloads: PurgeStep = {
  name: 'outbox payloads of sent and failed messages',
  async count(db, orgId, cutoff) {
    const row = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('created_at', '<', cutoff)
      .where('state', 'in', ['sent', 'failed'])
      .where(sql`payload ->> 'purged'`, 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async purge(db, orgId, cutoff) {
    const result = await db
      .updateTable('outbox')
      .set({ payload: JSON.stringify(PURGED_PAYLOAD) })
      .where('org_id', '=', orgId)
      .where('created_at', '<', cutoff)
      .where('state', 'in', ['sent', 'failed'])
      .where(sql`payload ->> 'purged'`, 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};

/** Free-text keys that services may copy into an audit entry's before/after. */
const TEXT_KEYS = sql`array['narrative', 'blockers', 'comment', 'reason', 'decision_reason']`;
const holdsText = sql<boolean>`(before ?| ${TEXT_KEYS} or after ?| ${TEXT_KEYS})`;

// why: retention would be void if the audit log kept a copy of the text; the entry itself (who, when, what) stays.
const auditText: PurgeStep = {
  name: 'audit_log before/after narrative, blockers, comment, reasons',
  async count(db, orgId, cutoff) {
    const row = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('at', '<', cutoff)
      .where(holdsText)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async purge(db, orgId, cutoff) {
    const result = await db
      .updateTable('audit_log')
      .set({
        before: sql`case when before is null then null else before - ${TEXT_KEYS} end`,
        after: sql`case when after is null then null else after - ${TEXT_KEYS} end`,
      })
      .where('org_id', '=', orgId)
      .where('at', '<', cutoff)
      .where(holdsText)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};

/** Every purge step, in the order they run. */
export const purgeSteps: PurgeStep[] = [
  statusUpdateText,
  dateRequestReasons,
  pulseComments,
  outboxPayloads,
  auditText,
];
