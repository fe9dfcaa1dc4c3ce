import type { Viewer } from '../access/viewer.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Executor } from '../db/executor.js';

/** Audits one change a person made to an action, named as they are on the roster. */
export async function auditActionChange(
  trx: Executor,
  viewer: Viewer,
  actionId: string,
  change: { change: string; before?: unknown; after?: unknown },
  now: Date,
): Promise<void> {
  await recordAudit(
    trx,
    viewer.orgId,
    [
      {
        actorPersonId: viewer.person.id,
        actor: viewer.person.display_name,
        entity: 'action',
        entityId: actionId,
        ...change,
      },
    ],
    now,
  );
}
