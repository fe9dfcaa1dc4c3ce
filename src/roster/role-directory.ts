export interface RoleDefinition {
  code: string;
  title: string;
  aliases: string[];
}

const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Resolves the spellings a plan uses ("PiP", "SLT PIP Team") to role codes. */
export class RoleDirectory {
  private readonly byName = new Map<string, string>();

  constructor(readonly roles: RoleDefinition[]) {
    for (const role of roles) {
      for (const name of [role.code, role.title, ...role.aliases]) this.byName.set(key(name), role.code);
    }
  }

  resolve(name: string): string | undefined {
    return this.byName.get(key(name));
  }

  /**
   * Splits a "By Whom" cell ("DCS/SLT/HR", "CEO / DCS", "DCIS/ Head of CSW") into role codes. Names that match
   * no role are kept as written, so the action keeps its owner until a roster names someone for it.
   */
  parseOwners(cell: string): { codes: string[]; unknown: string[] } {
    const codes: string[] = [];
    const unknown: string[] = [];
    for (const part of cell.split('/').map((p) => p.trim().replace(/\s+/g, ' '))) {
      if (!part) continue;
      const code = this.resolve(part);
      if (!code) unknown.push(part);
      const chosen = code ?? part;
      if (!codes.includes(chosen)) codes.push(chosen);
    }
    return { codes, unknown };
  }
}
