import type { Kysely } from 'kysely';
import type { DB, Rag } from '../../../src/db/schema.js';
import { newId } from '../../../src/shared/ids.js';

export interface FixtureUpdate {
  ref: string;
  rag: Rag;
  percent: number;
  at: string;
  kind?: string;
}

/** Records status updates the way the update service leaves the store: the row, then the action's current status. */
export async function recordUpdates(db: Kysely<DB>, orgId: string, updates: FixtureUpdate[]): Promise<void> {
  for (const u of [...updates].sort((a, b) => a.at.localeCompare(b.at))) {
    const action = await db
      .selectFrom('actions')
      .select('id')
      .where('org_id', '=', orgId)
      .where('ref', '=', u.ref)
      .executeTakeFirstOrThrow();
    const at = new Date(u.at);
    await db
      .insertInto('status_updates')
      .values({
        id: newId(),
        org_id: orgId,
        action_id: action.id,
        kind: u.kind ?? 'update',
        rag: u.rag,
        percent: u.percent,
        narrative: `Progress on ${u.ref}`,
        created_at: at,
      })
      .execute();
    await db
      .updateTable('actions')
      .set({
        rag: u.rag,
        percent: u.percent,
        last_update_at: at,
        ...(u.kind === 'done' ? { state: 'complete', completed_at: at } : {}),
      })
      .where('id', '=', action.id)
      .execute();
  }
}

export async function setState(
  db: Kysely<DB>,
  orgId: string,
  ref: string,
  state: 'withdrawn' | 'open',
  at: Date,
) {
  await db
    .updateTable('actions')
    .set({ state, withdrawn_at: state === 'withdrawn' ? at : null })
    .where('org_id', '=', orgId)
    .where('ref', '=', ref)
    .execute();
}

const actionId = async (db: Kysely<DB>, orgId: string, ref: string) =>
  (
    await db
      .selectFrom('actions')
      .select('id')
      .where('org_id', '=', orgId)
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow()
  ).id;

/** An escalation row as the reminders job writes it. */
export async function recordEscalation(
  db: Kysely<DB>,
  orgId: string,
  ref: string,
  escalatedOn: string,
  days: number,
) {
  const action = await db
    .selectFrom('actions')
    .select(['id', 'due_date'])
    .where('org_id', '=', orgId)
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('escalations')
    .values({
      id: newId(),
      org_id: orgId,
      action_id: action.id,
      due_date: action.due_date,
      escalated_on: escalatedOn,
      working_days_overdue: days,
      owner_roles: JSON.stringify(['DCS']),
      created_at: new Date(`${escalatedOn}T08:30:00Z`),
    })
    .execute();
}

/** A new-date request decided at `decidedAt` (approved or declined). */
export async function recordDateDecision(
  db: Kysely<DB>,
  orgId: string,
  ref: string,
  dates: { from: string; to: string },
  state: 'approved' | 'declined',
  decidedAt: string,
) {
  const person = await db
    .selectFrom('people')
    .select('id')
    .where('org_id', '=', orgId)
    .limit(1)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('date_requests')
    .values({
      id: newId(),
      org_id: orgId,
      action_id: await actionId(db, orgId, ref),
      requested_by_person_id: person.id,
      current_due_date: dates.from,
      requested_date: dates.to,
      reason: 'Waiting for partners',
      state,
      decided_by_person_id: person.id,
      decided_at: new Date(decidedAt),
      idempotency_key: newId(),
      created_at: new Date(decidedAt),
    })
    .execute();
}
