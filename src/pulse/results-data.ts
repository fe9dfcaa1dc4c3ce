import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { MeasureLink } from './pulse-results.js';
import type { RoundRow } from './round.repository.js';
import './pulse.table.js';

export type Counts = number[]; // index 0 = prefer not to say, 1–5 = the scale
export interface RoundData {
  round: RoundRow;
  statements: { id: string; code: string; text: string }[];
  groups: { team: string | null; audience: number; respondents: number }[];
  /** statement id → team → counts */
  tallies: Map<string, Map<string | null, Counts>>;
}

export const pct = (part: number, whole: number) => Math.round((100 * part) / whole);
export const views = (c: Counts) => c[1]! + c[2]! + c[3]! + c[4]! + c[5]!;
export const agreeing = (c: Counts) => c[4]! + c[5]!;
export const sum = (list: Counts[]): Counts =>
  list.reduce((acc, c) => acc.map((v, i) => v + c[i]!), [0, 0, 0, 0, 0, 0]);

const VALUES = [0, 1, 2, 3, 4, 5].map((v) => sql`coalesce(sum(n) filter (where value = ${sql.lit(v)}), 0)`);

/** Everything results need about some closed rounds, in three queries; tallies indexed in one pass. */
export async function loadRounds(db: Executor, rounds: RoundRow[]): Promise<RoundData[]> {
  const ids = rounds.map((r) => r.id);
  const [statements, groups, tallies] = await Promise.all([
    db
      .selectFrom('pulse_round_statements as rs')
      .innerJoin('pulse_statements as s', 's.id', 'rs.statement_id')
      .select(['rs.round_id', 's.id', 's.code', 's.text'])
      .where('rs.round_id', 'in', ids)
      .orderBy('rs.ordinal')
      .execute(),
    db.selectFrom('pulse_round_groups').selectAll().where('round_id', 'in', ids).execute(),
    // One row per round, statement and team with its six counts: a sixth of the rows a row per answer would be.
    db
      .selectFrom('pulse_tallies')
      .select([
        'round_id',
        'statement_id',
        'team',
        sql<number[]>`array[${sql.join(VALUES)}]::int[]`.as('counts'),
      ])
      .where('round_id', 'in', ids)
      .groupBy(['round_id', 'statement_id', 'team'])
      .execute(),
  ]);
  const byRound = new Map<string, Map<string, Map<string | null, Counts>>>(ids.map((id) => [id, new Map()]));
  for (const t of tallies) {
    const byStatement = byRound.get(t.round_id);
    if (!byStatement) continue;
    const byTeam = byStatement.get(t.statement_id) ?? new Map<string | null, Counts>();
    byStatement.set(t.statement_id, byTeam);
    byTeam.set(t.team, t.counts.map(Number));
  }
  return rounds.map((round) => ({
    round,
    statements: statements.filter((s) => s.round_id === round.id),
    groups: groups.filter((g) => g.round_id === round.id),
    tallies: byRound.get(round.id) ?? new Map(),
  }));
}

/** The plan measures each statement code feeds. */
export async function measuresByCode(db: Executor, orgId: string): Promise<Map<string, MeasureLink[]>> {
  const rows = await db
    .selectFrom('measures as m')
    .innerJoin('actions as a', 'a.id', 'm.action_id')
    .select(['m.statement_id', 'a.ref', 'm.text'])
    .where('a.org_id', '=', orgId)
    .where('m.statement_id', 'is not', null)
    .orderBy('a.ref')
    .execute();
  const map = new Map<string, MeasureLink[]>();
  for (const r of rows) {
    const list = map.get(r.statement_id as string) ?? [];
    list.push({ actionRef: r.ref, text: r.text });
    map.set(r.statement_id as string, list);
  }
  return map;
}
