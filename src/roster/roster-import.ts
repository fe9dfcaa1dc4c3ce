import type { Executor } from '../db/executor.js';
import { mapColumns } from '../plan/columns.js';
import { ImportError, type ImportIssue } from '../plan/import-error.js';
import type { Table } from '../plan/read-table.js';
import { newId } from '../shared/ids.js';
import type { RoleDirectory } from './role-directory.js';

export const ACCESS_LEVELS = ['admin', 'lead'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export interface RosterEntry {
  row: number;
  displayName: string;
  email: string;
  aadObjectId: string | null;
  team: string | null;
  service: string | null;
  roles: string[];
  isSocialWorker: boolean;
  delegateEmail: string | null;
  access: AccessLevel | null;
}

const COLUMNS = [
  { key: 'name', header: 'Display name', aliases: ['Name'], required: true, maxLength: 200 },
  { key: 'email', header: 'Email', aliases: ['UPN', 'Email/UPN'], required: true, maxLength: 320 },
  {
    key: 'aad',
    header: 'Entra object id',
    aliases: ['AAD object id', 'Object id'],
    required: false,
    maxLength: 64,
  },
  { key: 'team', header: 'Team', required: false, maxLength: 200 },
  { key: 'service', header: 'Service', required: false, maxLength: 200 },
  { key: 'roles', header: 'Roles', required: false, maxLength: 1000 },
  { key: 'sw', header: 'Social worker', aliases: ['Is social worker'], required: false, maxLength: 10 },
  { key: 'delegate', header: 'Delegate', required: false, maxLength: 320 },
  { key: 'access', header: 'Access', required: false, maxLength: 20 },
] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);

/** The roster CSV: who holds which roles, who is a social worker, delegates and app access. */
export function parseRoster(file: string, table: Table, roles: RoleDirectory): RosterEntry[] {
  const rows = mapColumns(file, table, [...COLUMNS]);
  const issues: ImportIssue[] = [];
  const entries: RosterEntry[] = [];
  const emails = new Map<string, number>();
  const listed = new Set(rows.map((r) => r.get('email').toLowerCase()));
  for (const r of rows) {
    const fail = (key: (typeof COLUMNS)[number]['key'], message: string) =>
      issues.push({ row: r.row, column: r.where(key), message });
    const email = r.get('email').toLowerCase();
    if (!r.get('name')) fail('name', 'this cell is empty');
    if (!EMAIL.test(email)) fail('email', `"${r.get('email')}" is not an email address`);
    else if (emails.has(email)) fail('email', `${email} appears twice (also on row ${emails.get(email)})`);
    emails.set(email, r.row);
    const aad = r.get('aad');
    if (aad && !GUID.test(aad)) fail('aad', `"${aad}" is not an Entra object id (a GUID)`);
    const sw = r.get('sw').toLowerCase();
    if (!YES.has(sw) && !NO.has(sw)) fail('sw', `"${r.get('sw')}" should be yes or no`);
    const access = r.get('access').toLowerCase();
    if (access && !ACCESS_LEVELS.includes(access as AccessLevel))
      fail('access', `"${r.get('access')}" should be admin, lead or empty`);
    const held: string[] = [];
    for (const name of r
      .get('roles')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const code = roles.resolve(name);
      if (code) held.push(code);
      else fail('roles', `"${name}" is not a known role (see roles.csv)`);
    }
    const delegate = r.get('delegate').toLowerCase();
    if (delegate && !EMAIL.test(delegate)) fail('delegate', `"${r.get('delegate')}" is not an email address`);
    else if (delegate && !listed.has(delegate)) fail('delegate', `delegate ${delegate} is not on the roster`);
    entries.push({
      row: r.row,
      displayName: r.get('name'),
      email,
      aadObjectId: aad ? aad.toLowerCase() : null,
      team: r.get('team') || null,
      service: r.get('service') || null,
      roles: held,
      isSocialWorker: YES.has(sw),
      delegateEmail: delegate || null,
      access: (access || null) as AccessLevel | null,
    });
  }
  for (const e of entries) {
    if (e.delegateEmail && !emails.has(e.delegateEmail)) {
      issues.push({
        row: e.row,
        column: 'Delegate',
        message: `delegate ${e.delegateEmail} is not on the roster`,
      });
    }
  }
  if (issues.length) throw new ImportError(file, issues);
  return entries;
}

export interface RosterReport {
  added: number;
  updated: number;
  deactivated: number;
}

/** Brings people, role assignments, delegates and access in line with the roster, in one transaction. */
export async function applyRoster(
  trx: Executor,
  orgId: string,
  entries: RosterEntry[],
): Promise<RosterReport> {
  const existing = new Map(
    (await trx.selectFrom('people').select(['id', 'email']).where('org_id', '=', orgId).execute()).map(
      (p) => [p.email, p.id],
    ),
  );
  const report: RosterReport = { added: 0, updated: 0, deactivated: 0 };
  const idByEmail = new Map<string, string>();
  for (const e of entries) {
    const values = {
      display_name: e.displayName,
      aad_object_id: e.aadObjectId,
      team: e.team,
      service: e.service,
      is_social_worker: e.isSocialWorker,
      access: e.access,
      active: true,
    };
    const id = existing.get(e.email);
    if (id) {
      await trx.updateTable('people').set(values).where('id', '=', id).execute();
      report.updated++;
      idByEmail.set(e.email, id);
    } else {
      const newPersonId = newId();
      await trx
        .insertInto('people')
        .values({ id: newPersonId, org_id: orgId, email: e.email, ...values })
        .execute();
      report.added++;
      idByEmail.set(e.email, newPersonId);
    }
  }
  for (const [email, id] of existing) {
    if (idByEmail.has(email)) continue;
    await trx
      .updateTable('people')
      .set({ active: false, delegate_person_id: null })
      .where('id', '=', id)
      .execute();
    report.deactivated++;
  }
  for (const e of entries) {
    const delegate = e.delegateEmail ? idByEmail.get(e.delegateEmail)! : null;
    await trx
      .updateTable('people')
      .set({ delegate_person_id: delegate })
      .where('id', '=', idByEmail.get(e.email)!)
      .execute();
  }
  await trx.deleteFrom('role_assignments').where('org_id', '=', orgId).execute();
  const assignments = entries.flatMap((e) =>
    e.roles.map((role_code) => ({ org_id: orgId, role_code, person_id: idByEmail.get(e.email)! })),
  );
  if (assignments.length) await trx.insertInto('role_assignments').values(assignments).execute();
  return report;
}
