import type { Viewer } from '../access/viewer.js';
import type { Executor } from '../db/executor.js';
import { batchOf, NaturalBatch } from '../db/natural-batch.js';
import type { ActionView } from '../plan/action-view.js';
import type { StatusUpdateRow } from './status-update.js';
import { rowOf, type UpdateRow, type UpdateToWrite } from './status-update.rows.js';
import { writeMany } from './status-update.write-many.js';
import { writeOne } from './status-update.write-one.js';

export type { UpdateToWrite };

const writeBatch = (db: Executor, rows: UpdateRow[]) =>
  rows.length === 1 ? writeOne(db, rows[0] as UpdateRow).then((u) => [u]) : writeMany(db, rows);

/**
 * Writes one update with its action's status and audit entry, all or nothing; undefined for a key already
 * recorded. Updates sent at the same moment on the same store go together as one statement (a burst of taps
 * after a reminder round); inside a transaction it writes in that transaction.
 */
export function writeStatusUpdate(
  db: Executor,
  viewer: Viewer,
  action: ActionView,
  u: UpdateToWrite,
  now: Date,
): Promise<StatusUpdateRow | undefined> {
  const row = rowOf(viewer, action, u, now);
  if (db.isTransaction) return writeOne(db, row);
  const batch = batchOf(
    db,
    'statusUpdates',
    () => new NaturalBatch((rows: UpdateRow[]) => writeBatch(db, rows), { maxSize: 100 }),
  );
  return batch.add(row);
}
