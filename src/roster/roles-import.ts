import type { Executor } from '../db/executor.js';
import { mapColumns } from '../plan/columns.js';
import { ImportError, type ImportIssue } from '../plan/import-error.js';
import type { Table } from '../plan/read-table.js';
import type { RoleDefinition } from './role-directory.js';

const COLUMNS = [
  { key: 'code', header: 'Code', required: true, maxLength: 100 },
  { key: 'title', header: 'Role', aliases: ['Title'], required: true, maxLength: 200 },
  { key: 'aliases', header: 'Aliases', required: false, maxLength: 1000 },
] as const;

/** roles.csv: Code, Role (title), Aliases (separated by ";"). */
export function parseRoles(file: string, table: Table): RoleDefinition[] {
  const rows = mapColumns(file, table, [...COLUMNS]);
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  const roles: RoleDefinition[] = [];
  for (const r of rows) {
    const code = r.get('code');
    if (!code) issues.push({ row: r.row, column: r.where('code'), message: 'this cell is empty' });
    else if (code.includes('/'))
      issues.push({ row: r.row, column: r.where('code'), message: 'a role code cannot contain "/"' });
    else if (seen.has(code.toLowerCase())) {
      issues.push({
        row: r.row,
        column: r.where('code'),
        message: `role ${code} appears twice (also on row ${seen.get(code.toLowerCase())})`,
      });
    }
    seen.set(code.toLowerCase(), r.row);
    const aliases = r
      .get('aliases')
      .split(';')
      .map((a) => a.trim())
      .filter(Boolean);
    roles.push({ code, title: r.get('title') || code, aliases });
  }
  if (rows.length === 0) issues.push({ message: 'the file lists no roles' });
  if (issues.length) throw new ImportError(file, issues);
  return roles;
}

/** Replaces the organisation's role list (codes still used by actions keep working: they are plain text). */
export async function applyRoles(trx: Executor, orgId: string, roles: RoleDefinition[]): Promise<number> {
  await trx.deleteFrom('roles').where('org_id', '=', orgId).execute();
  await trx
    .insertInto('roles')
    .values(
      roles.map((r) => ({ org_id: orgId, code: r.code, title: r.title, aliases: JSON.stringify(r.aliases) })),
    )
    .execute();
  return roles.length;
}

export async function loadRoles(db: Executor, orgId: string): Promise<RoleDefinition[]> {
  const rows = await db
    .selectFrom('roles')
    .select(['code', 'title', 'aliases'])
    .where('org_id', '=', orgId)
    .execute();
  return rows.map((r) => ({ code: r.code, title: r.title, aliases: r.aliases }));
}
