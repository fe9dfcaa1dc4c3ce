import type { Executor } from '../db/executor.js';
import { batchOf, NaturalBatch } from '../db/natural-batch.js';
import { findActionById, findActionsByIds } from './action.repository.js';
import type { ActionView } from './action-view.js';

interface Wanted {
  orgId: string;
  id: string;
}

async function readAll(db: Executor, wanted: Wanted[]): Promise<(ActionView | undefined)[]> {
  const found = new Map<string, ActionView>();
  for (const orgId of new Set(wanted.map((w) => w.orgId))) {
    const ids = wanted.filter((w) => w.orgId === orgId).map((w) => w.id);
    for (const [id, action] of await findActionsByIds(db, orgId, ids)) found.set(`${orgId}|${id}`, action);
  }
  return wanted.map((w) => found.get(`${w.orgId}|${w.id}`));
}

/**
 * findActionById for the card-submit path: reads asked for at the same moment (a burst of taps after a
 * reminder round) go to the store as one query. Inside a transaction it reads in that transaction.
 */
export function findActionByIdBatched(
  db: Executor,
  orgId: string,
  id: string,
): Promise<ActionView | undefined> {
  if (db.isTransaction) return findActionById(db, orgId, id);
  const batch = batchOf(
    db,
    'actionById',
    () => new NaturalBatch((w: Wanted[]) => readAll(db, w), { maxSize: 100 }),
  );
  return batch.add({ orgId, id });
}
