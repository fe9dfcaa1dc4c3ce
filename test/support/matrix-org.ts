import { join } from 'node:path';
import type { Standing } from '../../src/access/permissions.js';
import type { Store } from '../../src/db/connect.js';
import { importPlan, importRoles, importRoster, readSource } from '../../src/plan/import-files.js';
import { SAMPLE_DIR } from '../../src/plan/sample-plan.js';
import { textSource } from './plan-fixtures.js';
import { createOrg } from './store.js';

/** One person per standing, each holding that standing and no other (so every matrix cell is tested alone). */
export const MATRIX_PEOPLE: Record<Standing, string> = {
  owner: '00000000-0000-4000-8000-0000000000a1',
  delegate: '00000000-0000-4000-8000-0000000000a2',
  lead: '00000000-0000-4000-8000-0000000000a3',
  admin: '00000000-0000-4000-8000-0000000000a4',
  socialWorker: '00000000-0000-4000-8000-0000000000a5',
  stranger: '00000000-0000-4000-8000-0000000000a6',
};

/** The action the matrix owner owns alone (role HR): "11d Rolling recruitment campaign". */
export const MATRIX_ACTION = '11d';

const ROSTER = [
  'Display name,Email,Entra object id,Team,Service,Roles,Social worker,Delegate,Access',
  `Matrix Owner,owner@matrix.example,${MATRIX_PEOPLE.owner},HR,Corporate,HR,no,delegate@matrix.example,`,
  `Matrix Delegate,delegate@matrix.example,${MATRIX_PEOPLE.delegate},HR,Corporate,,no,,`,
  `Matrix Lead,lead@matrix.example,${MATRIX_PEOPLE.lead},Senior Leadership,Children's Services,,no,,lead`,
  `Matrix Admin,admin@matrix.example,${MATRIX_PEOPLE.admin},Programme Office,Children's Services,,no,,admin`,
  `Matrix Social Worker,sw@matrix.example,${MATRIX_PEOPLE.socialWorker},CiN Team 1,Children in Need,,yes,,`,
  ...[1, 2, 3, 4, 5, 6].map(
    (i) => `Colleague ${i},sw${i}@matrix.example,,CiN Team 1,Children in Need,,yes,,`,
  ),
].join('\n');

/** A few of the sample plan's rows (the whole plan takes seconds to import): enough for every capability. */
const PLAN = [
  'Priority Area,Objective No,Objective,Action,By Whom,By When,Monitoring',
  'Social Work Practice,1,There is sufficient capacity for strong leadership.,a) Agree Partner in Practice support with DfE.,DCS,April 2020,PiP in place.',
  'Social Work Practice,1,There is sufficient capacity for strong leadership.,"d) Develop a communications plan.",Head of S&I / Head of Comms,March 2020,Comms Plan approved.',
  'Workforce Capacity,11,There is a sustainable plan to ensure the sufficiency of social workers in the long-term.,d) Rolling recruitment campaign for permanent Social Workers.,HR,April 2020,',
].join('\n');

/** A fresh organisation with the sample roles, a small plan and the matrix roster (stranger not on it). */
export async function matrixOrg(store: Store, now = new Date('2020-02-03T09:00:00Z')): Promise<string> {
  const orgId = await createOrg(store, 'Matrix Council');
  await importRoles(store.db, orgId, await readSource(join(SAMPLE_DIR, 'roles.csv')));
  await importRoster(store.db, orgId, textSource('roster.csv', ROSTER));
  await importPlan(
    store.db,
    orgId,
    textSource('plan.csv', PLAN),
    { actor: 'matrix fixture', planName: 'Matrix plan' },
    now,
  );
  return orgId;
}

const shared = new WeakMap<Store, Promise<string>>();

/**
 * One matrix organisation per store and worker, for the tests that only read it or undo what they change
 * (importing the plan costs seconds). A test that must start from a pristine plan uses matrixOrg().
 */
export function sharedMatrixOrg(store: Store): Promise<string> {
  let orgId = shared.get(store);
  if (!orgId) {
    orgId = matrixOrg(store);
    shared.set(store, orgId);
  }
  return orgId;
}

/** Before every laterToday(): for closing a round some other test left open, so it never counts as latest. */
export const EARLY_TODAY = new Date('2020-03-16T09:00:00Z');

let minutes = 0;

/**
 * A moment on Monday 16 March 2020 later than any handed out before in this worker: tests on the shared
 * organisation close pulse rounds at distinct times, so "the latest closed round" is always their own.
 */
export function laterToday(): Date {
  minutes += 1;
  return new Date(Date.UTC(2020, 2, 16, 9, 30 + minutes));
}
