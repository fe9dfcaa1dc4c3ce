import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../src/db/connect.js';
import type { SourceFile } from '../../src/plan/import-files.js';
import { loadSamplePlan } from '../../src/plan/sample-plan.js';
import { countOrgRows, createOrg } from './store.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixture(path: string, name = path.split('/').pop()!): SourceFile {
  return { name, content: readFileSync(join(FIXTURES, path)) };
}

export function textSource(name: string, text: string): SourceFile {
  return { name, content: Buffer.from(text, 'utf8') };
}

/** A fresh organisation with the sample plan, roles and roster loaded. */
export async function sampleOrg(store: Store, now = new Date('2020-02-03T09:00:00Z')): Promise<string> {
  const orgId = await createOrg(store);
  await loadSamplePlan(store.db, orgId, now);
  return orgId;
}

/** Counts rows of everything an import writes, to prove a failed import left the store exactly as it was. */
export async function importFootprint(store: Store, orgId: string) {
  const count = (table: 'actions' | 'people' | 'roles' | 'audit_log' | 'plans') =>
    countOrgRows(store, table, orgId);
  const actions = await store.db
    .selectFrom('actions')
    .select(['ref', 'text', 'due_date', 'state', 'updated_at'])
    .where('org_id', '=', orgId)
    .orderBy('ref')
    .execute();
  return {
    actions,
    people: await count('people'),
    roles: await count('roles'),
    audit: await count('audit_log'),
    plans: await count('plans'),
  };
}
