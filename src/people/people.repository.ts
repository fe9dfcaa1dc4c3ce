import type { Executor } from '../db/executor.js';
import type { PersonRow } from '../db/schema.js';

/** The active roster person with this Entra object id, as a query to add columns to (see resolveViewer). */
export function personByAad(db: Executor, orgId: string, aadObjectId: string) {
  return db
    .selectFrom('people')
    .selectAll('people')
    .where('people.org_id', '=', orgId)
    .where('people.aad_object_id', '=', aadObjectId.toLowerCase())
    .where('people.active', '=', true);
}

export async function findPersonByAad(
  db: Executor,
  orgId: string,
  aadObjectId: string,
): Promise<PersonRow | undefined> {
  return personByAad(db, orgId, aadObjectId).executeTakeFirst();
}

export async function findPersonById(
  db: Executor,
  orgId: string,
  personId: string,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** A person by email or display name, as typed in `delegate 3a to <person>`. */
export async function findPersonByName(db: Executor, orgId: string, text: string): Promise<PersonRow[]> {
  const needle = text.trim().toLowerCase();
  return db
    .selectFrom('people')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('email', '=', needle), eb(eb.fn('lower', ['display_name']), '=', needle)]))
    .execute();
}

export async function rolesOf(db: Executor, orgId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('role_code')
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .orderBy('role_code')
    .execute();
  return rows.map((r) => r.role_code);
}

/** Active people who hold any of the roles. */
export async function holdersOf(db: Executor, orgId: string, roleCodes: string[]): Promise<PersonRow[]> {
  if (roleCodes.length === 0) return [];
  return db
    .selectFrom('people as p')
    .innerJoin('role_assignments as ra', 'ra.person_id', 'p.id')
    .selectAll('p')
    .distinct()
    .where('p.org_id', '=', orgId)
    .where('p.active', '=', true)
    .where('ra.role_code', 'in', roleCodes)
    .execute();
}

/** Programme leads and admins: who approves new dates and receives escalations. */
export async function programmeLeads(db: Executor, orgId: string): Promise<PersonRow[]> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where('access', 'in', ['lead', 'admin'])
    .orderBy('display_name')
    .execute();
}
