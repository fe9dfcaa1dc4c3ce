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
