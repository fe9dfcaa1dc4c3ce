import type { Executor } from '../db/executor.js';

/** Creates the organisation for a tenant if it is new; returns its id (the tenant id). */
export async function ensureOrganisation(db: Executor, tenantId: string, name = 'Council'): Promise<string> {
  await db
    .insertInto('organisations')
    .values({ id: tenantId, name })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return tenantId;
}
