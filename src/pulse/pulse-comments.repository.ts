import type { Executor } from '../db/executor.js';
import { effectiveMinGroup, suppressedGroups } from './anonymity.js';
import './pulse.table.js';

export interface ShownComment {
  text: string;
  /** The team, only when that team's figures are shown in this round; otherwise null. */
  team: string | null;
}

/**
 * A closed round's comments, never with a name (none is stored) and with the team only where the team passes
 * the threshold. The caller checks the viewer may see comments (permissions: seeComments).
 */
export async function roundComments(
  db: Executor,
  orgId: string,
  roundId: string,
  minGroup: number,
): Promise<ShownComment[]> {
  const round = await db
    .selectFrom('pulse_rounds')
    .select(['id', 'respondents'])
    .where('org_id', '=', orgId)
    .where('id', '=', roundId)
    .where('state', '=', 'closed')
    .executeTakeFirst();
  if (!round) return [];
  const min = effectiveMinGroup(minGroup);
  if ((round.respondents ?? 0) < min) return [];
  const groups = await db
    .selectFrom('pulse_round_groups')
    .select(['team', 'respondents'])
    .where('round_id', '=', round.id)
    .execute();
  const hidden = suppressedGroups(
    groups.map((g) => ({ key: g.team, n: g.respondents })),
    min,
    true,
  );
  const rows = await db
    .selectFrom('pulse_comments')
    .select(['team', 'text'])
    .where('round_id', '=', round.id)
    .where('text', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    text: r.text as string,
    team: r.team !== null && !hidden.has(r.team) ? r.team : null,
  }));
}
