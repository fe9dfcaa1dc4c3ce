import type { Executor } from '../db/executor.js';
import type { PersonRow } from '../db/schema.js';
import { findPersonByAad, rolesOf } from '../people/people.repository.js';
import type { ActionView } from '../plan/action-view.js';
import { allows, type Capability, type Standing } from './permissions.js';

/** A roster person as the server knows them, looked up from the Entra object id of a request. */
export interface Viewer {
  orgId: string;
  person: PersonRow;
  roles: string[];
}

export async function resolveViewer(
  db: Executor,
  orgId: string,
  aadObjectId: string | undefined,
): Promise<Viewer | undefined> {
  if (!aadObjectId) return undefined;
  const person = await findPersonByAad(db, orgId, aadObjectId);
  if (!person) return undefined;
  return { orgId, person, roles: await rolesOf(db, orgId, person.id) };
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
  const s = generalStandings(viewer).filter((x) => x !== 'stranger');
  if (!viewer) return ['stranger'];
  if (viewer.roles.some((r) => action.ownerRoles.includes(r))) s.push('owner');
  if (await isDelegate(db, viewer, action)) s.push('delegate');
  return s.length ? s : ['stranger'];
}

async function isDelegate(db: Executor, viewer: Viewer, action: ActionView): Promise<boolean> {
  const byAction = await db
    .selectFrom('action_delegations')
    .select('id')
    .where('action_id', '=', action.id)
    .where('delegate_person_id', '=', viewer.person.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (byAction) return true;
  if (action.ownerRoles.length === 0) return false;
  const byRoster = await db
    .selectFrom('people as owner')
    .innerJoin('role_assignments as ra', 'ra.person_id', 'owner.id')
    .select('owner.id')
    .where('owner.org_id', '=', viewer.orgId)
    .where('owner.active', '=', true)
    .where('owner.delegate_person_id', '=', viewer.person.id)
    .where('ra.role_code', 'in', action.ownerRoles)
    .executeTakeFirst();
  return byRoster !== undefined;
}

export async function canOnAction(
  db: Executor,
  viewer: Viewer | undefined,
  action: ActionView,
  capability: Capability,
): Promise<boolean> {
  return allows(await standingsOn(db, viewer, action), capability);
}

export function can(viewer: Viewer | undefined, capability: Capability): boolean {
  return allows(generalStandings(viewer), capability);
}
