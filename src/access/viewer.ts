import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { PersonRow } from '../db/schema.js';
import { cachedRead } from '../db/write-watch.plugin.js';
import { personByAad } from '../people/people.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { allows, type Capability, type Standing } from './permissions.js';

/** A roster person as the server knows them, looked up from the Entra object id of a request. */
export interface Viewer {
  orgId: string;
  person: PersonRow;
  roles: string[];
}

/** Viewers are read from the roster alone, so a status update does not forget them (~1 KB each). */
const VIEWERS = { name: 'viewer', tables: ['people', 'role_assignments'], maxEntries: 2_000 };

/**
 * The roster person with this Entra object id and their roles (every turn and tab call asks). Cached until
 * the roster may have changed, in this copy or another (DataGeneration), so a person removed or demoted
 * loses their rights with the change.
 */
export async function resolveViewer(
  db: Executor,
  orgId: string,
  aadObjectId: string | undefined,
): Promise<Viewer | undefined> {
  if (!aadObjectId) return undefined;
  const id = aadObjectId.toLowerCase();
  return cachedRead(db, VIEWERS, `${orgId}|${id}`, () => loadViewer(db, orgId, id));
}

/** The person and their roles in one query. */
async function loadViewer(db: Executor, orgId: string, aadObjectId: string): Promise<Viewer | undefined> {
  const row = await personByAad(db, orgId, aadObjectId)
    .select((eb) =>
      eb
        .selectFrom('role_assignments as ra')
        .select(sql<string[]>`coalesce(array_agg(ra.role_code order by ra.role_code), '{}')`.as('x'))
        .where('ra.org_id', '=', orgId)
        .whereRef('ra.person_id', '=', 'people.id')
        .as('roleCodes'),
    )
    .executeTakeFirst();
  if (!row) return undefined;
  const { roleCodes, ...person } = row;
  return { orgId, person, roles: roleCodes ?? [] };
}

/** The standings that do not depend on any one action. */
export function generalStandings(viewer: Viewer | undefined): Standing[] {
  if (!viewer) return ['stranger'];
  const s: Standing[] = [];
  if (viewer.person.access === 'admin') s.push('admin');
  if (viewer.person.access === 'lead') s.push('lead');
  if (viewer.person.is_social_worker) s.push('socialWorker');
  return s.length ? s : ['stranger'];
}

/** Owner when the viewer holds one of the action's roles; delegate when an owner or `delegate` named them. */
export async function standingsOn(
  db: Executor,
  viewer: Viewer | undefined,
  action: ActionView,
): Promise<Standing[]> {
  if (!viewer) return ['stranger'];
  const s = [...standingsWithoutDelegation(viewer, action)];
  if (await isDelegate(db, viewer, action)) s.push('delegate');
  return s.length ? s : ['stranger'];
}

function standingsWithoutDelegation(viewer: Viewer, action: ActionView): Standing[] {
  const s = generalStandings(viewer).filter((x) => x !== 'stranger');
  if (viewer.roles.some((r) => action.ownerRoles.includes(r))) s.push('owner');
  return s;
}

/** Named delegate of this action (`delegate`), or on the roster by a person who holds one of its roles. */
async function isDelegate(db: Executor, viewer: Viewer, action: ActionView): Promise<boolean> {
  const byAction = db
    .selectFrom('action_delegations')
    .select('id')
    .where('action_id', '=', action.id)
    .where('delegate_person_id', '=', viewer.person.id)
    .where('revoked_at', 'is', null);
  const byRoster = db
    .selectFrom('people as owner')
    .innerJoin('role_assignments as ra', 'ra.person_id', 'owner.id')
    .select('owner.id')
    .where('owner.org_id', '=', viewer.orgId)
    .where('owner.active', '=', true)
    .where('owner.delegate_person_id', '=', viewer.person.id);
  const roles = action.ownerRoles;
  const row = await db
    .selectNoFrom((eb) =>
      eb
        .or([
          eb.exists(byAction),
          ...(roles.length ? [eb.exists(byRoster.where('ra.role_code', 'in', roles))] : []),
        ])
        .as('delegate'),
    )
    .executeTakeFirstOrThrow();
  return row.delegate === true;
}

/** why: the delegation lookup only when the viewer's other standings do not already grant the capability. */
export async function canOnAction(
  db: Executor,
  viewer: Viewer | undefined,
  action: ActionView,
  capability: Capability,
): Promise<boolean> {
  if (!viewer) return allows(['stranger'], capability);
  if (allows(standingsWithoutDelegation(viewer, action), capability)) return true;
  return allows(await standingsOn(db, viewer, action), capability);
}

export function can(viewer: Viewer | undefined, capability: Capability): boolean {
  return allows(generalStandings(viewer), capability);
}
