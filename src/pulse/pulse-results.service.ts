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
import {
  agreeing,
  type Counts,
  loadRounds,
  measuresByCode,
  pct,
  type RoundData,
  sum,
  views,
} from './results-data.js';
import { closedOn, type RoundRow } from './round.repository.js';
import './pulse.table.js';

export type * from './pulse-results.js';

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
    closedOn: closedOn(round, 'UTC'),
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
