import type { Store } from '../../src/db/connect.js';
import { newId } from '../../src/shared/ids.js';
import { createOrg } from './store.js';

/** A fresh organisation with one action and status updates written at the given times. */
export async function orgWithUpdates(
  store: Store,
  times: string[],
): Promise<{ orgId: string; actionId: string }> {
  const orgId = await createOrg(store);
  const planId = newId();
  const at = new Date('2025-01-01T00:00:00Z');
  await store.db
    .insertInto('plans')
    .values({ id: planId, org_id: orgId, name: 'Plan', source_file: 'plan.csv', imported_at: at })
    .execute();
  const area = await store.db
    .insertInto('priority_areas')
    .values({ plan_id: planId, ordinal: 1, name: 'Area' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const objective = await store.db
    .insertInto('objectives')
    .values({ plan_id: planId, priority_area_id: area.id, number: 1, text: 'Objective' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actionId = newId();
  await store.db
    .insertInto('actions')
    .values({
      id: actionId,
      org_id: orgId,
      plan_id: planId,
      objective_id: objective.id,
      ref: '1a',
      text: 'Action',
      owners_text: 'Head of S&I',
      due_text: 'Dec 2026',
      due_date: '2026-12-31',
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const time of times) {
    await store.db
      .insertInto('status_updates')
      .values({
        id: newId(),
        org_id: orgId,
        action_id: actionId,
        kind: 'update',
        rag: 'amber',
        percent: 40,
        narrative: `Narrative of ${time}`,
        evidence_url: 'https://example.org/evidence',
        blockers: `Blocker of ${time}`,
        created_at: new Date(time),
      })
      .execute();
  }
  return { orgId, actionId };
}
