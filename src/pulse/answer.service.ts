import type { Kysely } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import { ballotLink } from './anonymity.js';
import { type Participation, participationOf, type RoundRow, roundStatements } from './round.repository.js';

/** 1–5 = Strongly disagree … Strongly agree; 0 = Prefer not to say. */
export const PREFER_NOT_TO_SAY = 0;

export interface AnswersInput {
  roundId: string;
  /** By statement id. */
  answers: Record<string, number>;
  comment: string | null;
}

export type Refusal =
  | 'unknown'
  | 'closed'
  | 'not-yet-open'
  | 'not-in-audience'
  | 'incomplete'
  | 'out-of-range';

export type SubmitOutcome =
  | { kind: 'recorded'; round: RoundRow; first: boolean }
  | { kind: 'unchanged'; round: RoundRow }
  | { kind: 'refused'; reason: Refusal; round?: RoundRow };

type Answerable =
  | { refused: Refusal; round?: RoundRow }
  | { round: RoundRow; secret: string; participation: Participation };

/** The round a person may answer now, or why not. Reads the round under a share lock so close waits for us. */
async function answerableRound(
  db: Executor,
  orgId: string,
  roundId: string,
  personId: string,
  today: string,
): Promise<Answerable> {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!UUID.test(roundId)) return { refused: 'unknown' };
  const round = await db
    .selectFrom('pulse_rounds')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', roundId)
    .forShare()
    .executeTakeFirst();
  if (!round) return { refused: 'unknown' };
  if (round.state === 'closed' || today > round.closes_on || !round.link_secret)
    return { refused: 'closed', round };
  if (round.state === 'scheduled') return { refused: 'not-yet-open', round };
  const participation = await participationOf(db, round.id, personId);
  if (!participation) return { refused: 'not-in-audience', round };
  return { round, secret: round.link_secret, participation };
}

/**
 * Records a person's answers, or changes them until the round closes. The ballot carries no person id and no
 * time; only the keyed link (destroyed at close) lets the same person find it again. Participation is marked
 * separately, and any nudge still waiting in the outbox for them is withdrawn.
 */
export async function submitAnswers(
  db: Kysely<DB>,
  orgId: string,
  personId: string,
  input: AnswersInput,
  today: string,
): Promise<SubmitOutcome> {
  return db.transaction().execute(async (trx) => {
    const found = await answerableRound(trx, orgId, input.roundId, personId, today);
    if (!('secret' in found))
      return { kind: 'refused', reason: found.refused, ...(found.round ? { round: found.round } : {}) };
    const { round, secret, participation } = found;
    const statements = await roundStatements(trx, round.id);
    const values = Object.values(input.answers);
    if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 5))
      return { kind: 'refused', reason: 'out-of-range', round };
    const keys = Object.keys(input.answers);
    const asked = new Set(statements.map((s) => s.id));
    if (keys.length !== asked.size || keys.some((k) => !asked.has(k)))
      return { kind: 'refused', reason: 'incomplete', round };

    const link = ballotLink(secret, personId);
    const existing = await ballotByLink(trx, round.id, link);
    if (existing) {
      const same =
        existing.comment === input.comment &&
        statements.every((s) => existing.answers[s.id] === input.answers[s.id]);
      if (same) return { kind: 'unchanged', round };
      await trx
        .updateTable('pulse_ballots')
        .set({ comment: input.comment })
        .where('id', '=', existing.id)
        .execute();
      await trx.deleteFrom('pulse_answers').where('ballot_id', '=', existing.id).execute();
      await insertAnswers(trx, existing.id, input.answers);
      return { kind: 'recorded', round, first: false };
    }
    // why: a random key, not a serial, so the order ballots were cast in is not visible from their ids.
    const ballotId = newId();
    await trx
      .insertInto('pulse_ballots')
      .values({ id: ballotId, round_id: round.id, link, team: participation.team, comment: input.comment })
      .execute();
    await insertAnswers(trx, ballotId, input.answers);
    await trx
      .updateTable('pulse_participants')
      .set({ answered: true })
      .where('round_id', '=', round.id)
      .where('person_id', '=', personId)
      .execute();
    await withdrawPendingNudges(trx, orgId, round.id, personId);
    return { kind: 'recorded', round, first: true };
  });
}

async function insertAnswers(db: Executor, ballotId: string, answers: Record<string, number>) {
  await db
    .insertInto('pulse_answers')
    .values(
      Object.entries(answers).map(([statementId, value]) => ({
        ballot_id: ballotId,
        statement_id: statementId,
        value,
      })),
    )
    .execute();
}

async function ballotByLink(db: Executor, roundId: string, link: string) {
  const ballot = await db
    .selectFrom('pulse_ballots')
    .select(['id', 'comment'])
    .where('round_id', '=', roundId)
    .where('link', '=', link)
    .executeTakeFirst();
  if (!ballot) return undefined;
  const rows = await db
    .selectFrom('pulse_answers')
    .select(['statement_id', 'value'])
    .where('ballot_id', '=', ballot.id)
    .execute();
  return {
    ...ballot,
    answers: Object.fromEntries(rows.map((r) => [r.statement_id, r.value])) as Record<string, number>,
  };
}

/** A nudge queued but not yet sent must not reach someone who has just answered. */
async function withdrawPendingNudges(db: Executor, orgId: string, roundId: string, personId: string) {
  await db
    .deleteFrom('outbox')
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('state', '=', 'pending')
    .where('idempotency_key', 'like', `pulse-nudge:${roundId}:%`)
    .execute();
}

/** The person's own answers, while the round is open (to change them); undefined once it has closed. */
export async function ownAnswers(
  db: Executor,
  orgId: string,
  personId: string,
  roundId: string,
  today: string,
): Promise<
  | { round: RoundRow; answers: Record<string, number>; comment: string | null }
  | { refused: Refusal; round?: RoundRow }
> {
  const found = await answerableRound(db, orgId, roundId, personId, today);
  if (!('secret' in found)) return found;
  const ballot = await ballotByLink(db, found.round.id, ballotLink(found.secret, personId));
  return { round: found.round, answers: ballot?.answers ?? {}, comment: ballot?.comment ?? null };
}
