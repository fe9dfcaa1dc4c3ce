import type { Executor } from '../db/executor.js';
import { effectiveMinGroup, suppressedGroups } from './anonymity.js';
import type {
  Distribution,
  MeasureLink,
  RoundResults,
  RoundSummary,
  StatementResult,
  TeamResult,
} from './pulse-results.js';
import type { RoundRow } from './round.repository.js';
import './pulse.table.js';

export type * from './pulse-results.js';

type Counts = number[]; // index 0 = prefer not to say, 1–5 = the scale
interface RoundData {
  round: RoundRow;
  statements: { id: string; code: string; text: string }[];
  groups: { team: string | null; audience: number; respondents: number }[];
  /** statement id → team → counts */
  tallies: Map<string, Map<string | null, Counts>>;
}

const pct = (part: number, whole: number) => Math.round((100 * part) / whole);
const views = (c: Counts) => c[1]! + c[2]! + c[3]! + c[4]! + c[5]!;
const agreeing = (c: Counts) => c[4]! + c[5]!;
const sum = (list: Counts[]): Counts =>
  list.reduce((acc, c) => acc.map((v, i) => v + c[i]!), [0, 0, 0, 0, 0, 0]);

/** The latest closed round's results, with the change since the round before; null before any round closes. */
export async function latestResults(
  db: Executor,
  orgId: string,
  minGroup: number,
): Promise<RoundResults | null> {
  const all = await resultsOf(db, orgId, minGroup, 2);
  return all.at(-1) ?? null;
}

/** Every closed round's results, oldest first: the series for charts and exports. Suppression is applied. */
export async function resultsByRound(db: Executor, orgId: string, minGroup: number): Promise<RoundResults[]> {
  return resultsOf(db, orgId, minGroup);
}

async function resultsOf(
  db: Executor,
  orgId: string,
  minGroup: number,
  last?: number,
): Promise<RoundResults[]> {
  let query = db
    .selectFrom('pulse_rounds')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('state', '=', 'closed')
    .orderBy('closes_on', 'desc')
    .orderBy('closed_at', 'desc');
  if (last) query = query.limit(last);
  const rounds = (await query.execute()).reverse();
  if (rounds.length === 0) return [];
  const data = await loadRounds(db, rounds);
  const measures = await measuresByCode(db, orgId);
  const min = effectiveMinGroup(minGroup);
  const out: RoundResults[] = [];
  for (const d of data) out.push(roundResults(d, out.at(-1) ?? null, measures, min));
  return out;
}

async function loadRounds(db: Executor, rounds: RoundRow[]): Promise<RoundData[]> {
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
    db
      .selectFrom('pulse_tallies')
      .select(['round_id', 'statement_id', 'team', 'value', 'n'])
      .where('round_id', 'in', ids)
      .execute(),
  ]);
  const byRound = new Map<string, Map<string, Map<string | null, Counts>>>(ids.map((id) => [id, new Map()]));
  for (const t of tallies) {
    const byStatement = byRound.get(t.round_id);
    if (!byStatement) continue;
    let byTeam = byStatement.get(t.statement_id);
    if (!byTeam) byStatement.set(t.statement_id, (byTeam = new Map()));
    let counts = byTeam.get(t.team);
    if (!counts) byTeam.set(t.team, (counts = [0, 0, 0, 0, 0, 0]));
    counts[t.value] = (counts[t.value] ?? 0) + t.n;
  }
  return rounds.map((round) => ({
    round,
    statements: statements.filter((s) => s.round_id === round.id),
    groups: groups.filter((g) => g.round_id === round.id),
    tallies: byRound.get(round.id) ?? new Map(),
  }));
}

async function measuresByCode(db: Executor, orgId: string): Promise<Map<string, MeasureLink[]>> {
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

function roundName(round: RoundRow): string {
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${round.opens_on}T00:00:00Z`),
  );
  const scope = round.audience_team ?? round.audience_service;
  return scope ? `${month} (${scope})` : month;
}

function summary(round: RoundRow, min: number): RoundSummary {
  const respondents = round.respondents ?? 0;
  const suppressed = respondents < min;
  return {
    id: round.id,
    name: roundName(round),
    opensOn: round.opens_on,
    closesOn: round.closes_on,
    closedAt: round.closed_at ?? round.created_at,
    audience: round.audience_size,
    respondents: suppressed ? null : respondents,
    responseRate: suppressed || round.audience_size === 0 ? null : pct(respondents, round.audience_size),
    suppressed,
  };
}

function distribution(c: Counts): Distribution {
  return {
    preferNotToSay: c[0]!,
    stronglyDisagree: c[1]!,
    disagree: c[2]!,
    neither: c[3]!,
    agree: c[4]!,
    stronglyAgree: c[5]!,
  };
}

function roundResults(
  d: RoundData,
  previous: RoundResults | null,
  measures: Map<string, MeasureLink[]>,
  min: number,
): RoundResults {
  const round = summary(d.round, min);
  const statements: StatementResult[] = d.statements.map((s) => {
    const total = sum([...(d.tallies.get(s.id)?.values() ?? [])]);
    const shown = !round.suppressed && views(total) >= min;
    const percentAgree = shown ? pct(agreeing(total), views(total)) : null;
    const before = previous?.statements.find((p) => p.statementId === s.id)?.percentAgree ?? null;
    return {
      statementId: s.id,
      code: s.code,
      text: s.text,
      measures: measures.get(s.code) ?? [],
      views: shown ? views(total) : null,
      percentAgree,
      change: percentAgree !== null && before !== null ? percentAgree - before : null,
      distribution: shown ? distribution(total) : null,
      responseRate: round.responseRate,
      suppressed: !shown,
    };
  });
  const { teams, notShown } = teamResults(d, round, statements, min);
  return { round, previous: previous?.round ?? null, statements, teams, teamsNotShown: notShown };
}

function teamResults(d: RoundData, round: RoundSummary, statements: StatementResult[], min: number) {
  const byRespondents = suppressedGroups(
    d.groups.map((g) => ({ key: g.team, n: g.respondents })),
    min,
    !round.suppressed,
  );
  const hiddenFor = new Map(
    statements.map((s) => {
      const byTeam = d.tallies.get(s.statementId) ?? new Map<string | null, Counts>();
      const counts = d.groups.map((g) => ({
        key: g.team,
        n: views(byTeam.get(g.team) ?? [0, 0, 0, 0, 0, 0]),
      }));
      return [s.statementId, suppressedGroups(counts, min, !s.suppressed, byRespondents)] as const;
    }),
  );
  const teams: TeamResult[] = d.groups
    .filter((g) => !byRespondents.has(g.team) && g.team !== null)
    .sort((a, b) => (a.team as string).localeCompare(b.team as string))
    .map((g) => ({
      team: g.team as string,
      respondents: g.respondents,
      responseRate: pct(g.respondents, g.audience),
      statements: statements.map((s) => {
        const hidden = hiddenFor.get(s.statementId)?.has(g.team) ?? true;
        const c = d.tallies.get(s.statementId)?.get(g.team) ?? [0, 0, 0, 0, 0, 0];
        return {
          statementId: s.statementId,
          percentAgree: hidden ? null : pct(agreeing(c), views(c)),
          suppressed: hidden,
        };
      }),
    }));
  return { teams, notShown: d.groups.filter((g) => byRespondents.has(g.team) && g.audience > 0).length };
}
