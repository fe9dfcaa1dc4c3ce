import type { Executor } from '../db/executor.js';
import { resultsByRound } from '../pulse/pulse-results.service.js';
import type { DashboardPulse } from './tab-api.types.js';

/**
 * Health Check statements over closed rounds, oldest first, for the dashboard's line chart: the pulse
 * results service applies the anonymity threshold, so a suppressed figure arrives (and stays) null. Only
 * service-wide figures are shown, never a team's. Null before any round has closed.
 */
export async function healthCheckSeries(
  db: Executor,
  orgId: string,
  minGroup: number,
): Promise<DashboardPulse | null> {
  const rounds = await resultsByRound(db, orgId, minGroup);
  if (rounds.length === 0) return null;
  const statements = new Map<string, { text: string; values: (number | null)[] }>();
  rounds.forEach((r, i) => {
    for (const s of r.statements) {
      let series = statements.get(s.code);
      if (!series) {
        series = { text: s.text, values: rounds.map(() => null) };
        statements.set(s.code, series);
      }
      series.values[i] = s.suppressed ? null : s.percentAgree;
    }
  });
  return {
    minGroup,
    rounds: rounds.map((r) => ({
      name: r.round.name,
      closedOn: r.round.closedOn,
      responseRate: r.round.suppressed ? null : r.round.responseRate,
      responded: r.round.respondents,
    })),
    statements: [...statements.values()],
  };
}
