import type { Selectable } from 'kysely';
import { localDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import type { PulseRoundsTable } from './pulse.table.js';
import type { Statement } from './statement.repository.js';

export type RoundRow = Selectable<PulseRoundsTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A round of this organisation by id; undefined for another organisation's round or a malformed id. */
export async function findRound(db: Executor, orgId: string, roundId: string): Promise<RoundRow | undefined> {
  if (!UUID.test(roundId)) return undefined;
  return db
    .selectFrom('pulse_rounds')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', roundId)
    .executeTakeFirst();
}

/** The round in flight (scheduled or open), if any: at most one per organisation. */
export async function liveRound(db: Executor, orgId: string): Promise<RoundRow | undefined> {
  return db
    .selectFrom('pulse_rounds')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('state', '<>', 'closed')
    .executeTakeFirst();
}

/** Rounds in every organisation that are in a state and whose given date is on or before a day (jobs). */
export async function roundsDue(
  db: Executor,
  state: 'scheduled' | 'open',
  column: 'opens_on' | 'closes_on',
  onOrBefore: string,
): Promise<RoundRow[]> {
  return db
    .selectFrom('pulse_rounds')
    .selectAll()
    .where('state', '=', state)
    .where(column, '<=', onOrBefore)
    .orderBy('created_at')
    .execute();
}

export async function roundStatements(db: Executor, roundId: string): Promise<Statement[]> {
  return db
    .selectFrom('pulse_round_statements as rs')
    .innerJoin('pulse_statements as s', 's.id', 'rs.statement_id')
    .select(['s.id', 's.code', 's.text', 'rs.ordinal'])
    .where('rs.round_id', '=', roundId)
    .orderBy('rs.ordinal')
    .execute();
}

export interface Participation {
  team: string | null;
  answered: boolean;
  nudges: number;
}

export async function participationOf(
  db: Executor,
  roundId: string,
  personId: string,
): Promise<Participation | undefined> {
  return db
    .selectFrom('pulse_participants')
    .select(['team', 'answered', 'nudges'])
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** How many are asked and how many have answered so far: counts only, never who. */
export async function participationCounts(
  db: Executor,
  roundId: string,
): Promise<{ audience: number; answered: number }> {
  const row = await db
    .selectFrom('pulse_participants')
    .select((eb) => [
      eb.fn.countAll<string>().as('audience'),
      eb.fn.count<string>('person_id').filterWhere('answered', '=', true).as('answered'),
    ])
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return { audience: Number(row.audience), answered: Number(row.answered) };
}

/** The day answers stopped: the day it was closed if closed early, else its last day. */
export function closedOn(round: RoundRow, timeZone: string): string {
  const closedDay = round.closed_at ? localDate(round.closed_at, timeZone) : round.closes_on;
  // ISO dates compare as strings; an early close ends answering before the planned last day.
  if (closedDay < round.closes_on) return closedDay;
  return round.closes_on;
}
