import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type CalendarDate = string;

export type RoundState = 'scheduled' | 'open' | 'closed';

/** A Health Check statement; rewording retires the row and adds a new one (a new series) with the same code. */
export interface PulseStatementsTable {
  id: string;
  org_id: string;
  /** The key plan measures link by (measures.statement_id), e.g. 'regular-supervision'. */
  code: string;
  text: string;
  ordinal: number;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface PulseRoundsTable {
  id: string;
  org_id: string;
  state: RoundState;
  opens_on: CalendarDate;
  /** Answers are accepted up to the end of this day; the close job then closes the round. */
  closes_on: CalendarDate;
  audience_team: string | null;
  audience_service: string | null;
  audience_size: ColumnType<number, number | undefined, number>;
  /** Ballots counted at close (null while open). */
  respondents: number | null;
  /** Key of the person→ballot link while open; destroyed (null) at close. */
  link_secret: string | null;
  created_by: string;
  created_at: Timestamp;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** The monthly series that opened it or that it started; null for a one-off round. */
  series_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * A monthly series of rounds: round n opens n calendar months after the first round opened (`anchor_on`),
 * moved to the next working day, with the same statements (by code, so a reworded one asks its current
 * wording), audience filter and length in working days. Stopped, it opens no more rounds.
 */
export interface PulseSeriesTable {
  id: string;
  org_id: string;
  statement_codes: ColumnType<string[], string, string>;
  audience_team: string | null;
  audience_service: string | null;
  /** Working days each round takes answers. */
  open_days: number;
  anchor_on: CalendarDate;
  /** Months from the anchor of the latest round opened (0 = the first). */
  months: number;
  next_opens_on: CalendarDate;
  created_by: string;
  created_at: Timestamp;
  stopped_at: Timestamp | null;
  stopped_by: string | null;
}

export interface PulseRoundStatementsTable {
  round_id: string;
  statement_id: string;
  ordinal: number;
}

/** Who is asked and whether they have answered (for nudges and the response rate); deleted at close. */
export interface PulseParticipantsTable {
  round_id: string;
  person_id: string;
  team: string | null;
  answered: ColumnType<boolean, boolean | undefined, boolean>;
  nudges: ColumnType<number, number | undefined, number>;
}

/** What one person answered, with no person id and no time; `link` lets them change it until close. */
export interface PulseBallotsTable {
  id: string;
  round_id: string;
  link: string;
  team: string | null;
  comment: string | null;
}

/** 1–5 = Strongly disagree … Strongly agree; 0 = Prefer not to say. */
export interface PulseAnswersTable {
  ballot_id: string;
  statement_id: string;
  value: number;
}

/** Audience and respondents per team, written at close; team null = teams too small to name, combined. */
export interface PulseRoundGroupsTable {
  round_id: string;
  team: string | null;
  audience: number;
  respondents: number;
}

/** How many gave each answer, per statement and team, written at close. */
export interface PulseTalliesTable {
  round_id: string;
  statement_id: string;
  team: string | null;
  value: number;
  n: number;
}

export interface PulseCommentsTable {
  id: string;
  round_id: string;
  team: string | null;
  /** Null once retention has removed it. */
  text: string | null;
}

declare module '../db/schema.js' {
  interface DB {
    pulse_statements: PulseStatementsTable;
    pulse_rounds: PulseRoundsTable;
    pulse_series: PulseSeriesTable;
    pulse_round_statements: PulseRoundStatementsTable;
    pulse_participants: PulseParticipantsTable;
    pulse_ballots: PulseBallotsTable;
    pulse_answers: PulseAnswersTable;
    pulse_round_groups: PulseRoundGroupsTable;
    pulse_tallies: PulseTalliesTable;
    pulse_comments: PulseCommentsTable;
  }
}
