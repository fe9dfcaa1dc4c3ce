import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import '../updates/updates.table.js';

/**
 * Who hears about each action: the holders of its owner roles, except that while an owner has delegated
 * the action (`delegate 3a to …`) or named a roster delegate, that delegate hears instead of them.
 * Returns action id → person ids.
 */
export async function reminderRecipients(
  db: Executor,
  orgId: string,
  actionIds: string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (actionIds.length === 0) return out;
  const holders = await db
    .selectFrom('action_owner_roles as aor')
    .innerJoin('role_assignments as ra', 'ra.role_code', 'aor.role_code')
    .innerJoin('people as p', 'p.id', 'ra.person_id')
    .leftJoin('people as d', (j) => j.onRef('d.id', '=', 'p.delegate_person_id').on('d.active', '=', true))
    .select(['aor.action_id', 'p.id as holder', 'd.id as rosterDelegate'])
    .where('ra.org_id', '=', orgId)
    .where('p.active', '=', true)
    .where('aor.action_id', 'in', actionIds)
    .execute();
  const delegations = await db
    .selectFrom('action_delegations as ad')
    .innerJoin('people as d', 'd.id', 'ad.delegate_person_id')
    .select(['ad.action_id', 'ad.owner_person_id', 'ad.delegate_person_id'])
    .where('ad.action_id', 'in', actionIds)
    .where('ad.revoked_at', 'is', null)
    .where('d.active', '=', true)
    .execute();
  const byOwner = new Map(
    delegations.map((d) => [`${d.action_id}:${d.owner_person_id}`, d.delegate_person_id]),
  );
  for (const h of holders) {
    const to = byOwner.get(`${h.action_id}:${h.holder}`) ?? h.rosterDelegate ?? h.holder;
    const set = out.get(h.action_id) ?? new Set<string>();
    set.add(to);
    out.set(h.action_id, set);
  }
  return out;
}

/** `${actionId}:${personId}` of every snooze still running on `today`. */
export async function activeSnoozes(db: Executor, orgId: string, today: IsoDate): Promise<Set<string>> {
  const rows = await db
    .selectFrom('snoozes')
    .select(['action_id', 'person_id'])
    .where('org_id', '=', orgId)
    .where('until_date', '>=', today)
    .execute();
  return new Set(rows.map((r) => `${r.action_id}:${r.person_id}`));
}
