import type { IsoDate } from '../calendar/iso-date.js';

/** How many gave each answer (only ever returned for a group at or above the threshold). */
export interface Distribution {
  stronglyDisagree: number;
  disagree: number;
  neither: number;
  agree: number;
  stronglyAgree: number;
  preferNotToSay: number;
}

export interface MeasureLink {
  actionRef: string;
  text: string;
}

export interface RoundSummary {
  id: string;
  /** "December 2026", or "December 2026 (CiN Team 1)" for a round asked of one team or service. */
  name: string;
  opensOn: IsoDate;
  /** The planned last day. */
  closesOn: IsoDate;
  /** The day answering ended: the planned last day, or earlier when an admin closed the round early (UTC date). */
  closedOn: IsoDate;
  closedAt: Date;
  audience: number;
  /** Null when fewer than the threshold answered (the count itself is then withheld). */
  respondents: number | null;
  /** 0–100, null when suppressed. */
  responseRate: number | null;
  suppressed: boolean;
}

export interface StatementResult {
  statementId: string;
  /** The key plan measures link by (measures.statement_id). */
  code: string;
  text: string;
  /** The plan measures this statement feeds. */
  measures: MeasureLink[];
  /** People who gave a view (answered 1–5); null when suppressed. */
  views: number | null;
  /** % agreeing: agree + strongly agree of those who gave a view, 0–100; null when suppressed. */
  percentAgree: number | null;
  /** Percentage points since the previous round, when both figures are shown; null otherwise. */
  change: number | null;
  distribution: Distribution | null;
  /** The round's response rate (repeated here for callers that read per statement). */
  responseRate: number | null;
  suppressed: boolean;
}

export interface TeamResult {
  team: string;
  respondents: number;
  responseRate: number;
  statements: { statementId: string; percentAgree: number | null; suppressed: boolean }[];
}

export interface RoundResults {
  round: RoundSummary;
  previous: RoundSummary | null;
  statements: StatementResult[];
  /** Only teams whose figures pass the threshold and complementary suppression. */
  teams: TeamResult[];
  /** Groups not shown (too few answered, or hidden so they cannot be worked out from the total). */
  teamsNotShown: number;
}
