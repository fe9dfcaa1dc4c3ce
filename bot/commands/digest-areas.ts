import type { Executor } from '../../src/db/executor.js';

export type AreaChoice = { ok: true; names: string[] } | { ok: false; message: string };

/**
 * The priority areas named after `for` ("Workforce, 2"): by name (any case) or by number in plan order.
 * Nothing named = the whole plan.
 */
export async function resolveAreas(
  db: Executor,
  orgId: string,
  typed: string | undefined,
): Promise<AreaChoice> {
  if (!typed?.trim()) return { ok: true, names: [] };
  const areas = await db
    .selectFrom('priority_areas as p')
    .innerJoin('plans', 'plans.id', 'p.plan_id')
    .select(['p.name', 'p.ordinal'])
    .where('plans.org_id', '=', orgId)
    .orderBy('p.ordinal')
    .execute();
  const names: string[] = [];
  for (const part of typed
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const found = areas.find(
      (a) => a.name.toLowerCase() === part.toLowerCase() || String(a.ordinal) === part,
    );
    if (!found) {
      const known = areas.map((a) => `${a.ordinal}. ${a.name}`).join('; ') || 'none yet';
      return {
        ok: false,
        message: `There is no priority area "${part.slice(0, 80)}". The plan's areas: ${known}.`,
      };
    }
    if (!names.includes(found.name)) names.push(found.name);
  }
  return { ok: true, names };
}
