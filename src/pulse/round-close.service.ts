import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/audit.repository.js';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';
import { ABSOLUTE_MIN_GROUP } from './anonymity.js';
import { PulseInputError } from './pulse-errors.js';
import type { RoundRow } from './round.repository.js';

/**
 * Closes a round and makes its answers anonymous for good, in one transaction:
 * - counts are kept per statement, team and answer (pulse_tallies) and per team (pulse_round_groups); a team
 *   with fewer respondents than any threshold could allow is stored without its name, combined with others;
 * - comments are copied with fresh random ids in random order, so neither key nor position follows who wrote first;
 * - ballots, answers and participation are deleted, and the link secret is destroyed.
 * After this no row holds a person id, a link, or anything from which one can be recomputed. The deleted rows'
 * old versions are then vacuumed away, so they do not linger in the tables' pages either (the database's own
 * write-ahead log and backups are for the operator to protect, like any database holding personal data).
 */
export async function closeRound(
  db: Kysely<DB>,
  orgId: string,
  roundId: string,
  actor: string,
  now: Date,
): Promise<RoundRow> {
  const result = await db.transaction().execute(async (trx) => {
    const round = await trx
      .selectFrom('pulse_rounds')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', roundId)
      .forUpdate()
      .executeTakeFirst();
    if (!round) throw new PulseInputError('There is no such Health Check round.');
    if (round.state === 'closed') throw new PulseInputError('That Health Check round is already closed.');
    const named = await namedTeams(trx, round.id);
    const label = sql<string | null>`case when b.team = any(${named}::text[]) then b.team else null end`;
    await sql`
      insert into pulse_tallies (round_id, statement_id, team, value, n)
      select ${round.id}::uuid, a.statement_id, ${label}, a.value, count(*)::int
      from pulse_answers a join pulse_ballots b on b.id = a.ballot_id
      where b.round_id = ${round.id}
      group by a.statement_id, 3, a.value`.execute(trx);
    await sql`
      insert into pulse_round_groups (round_id, team, audience, respondents)
      select ${round.id}::uuid, g.team, sum(g.audience)::int, sum(g.respondents)::int
      from (
        select case when p.team = any(${named}::text[]) then p.team else null end as team,
               count(*) as audience, count(*) filter (where p.answered) as respondents
        from pulse_participants p where p.round_id = ${round.id}
        group by p.team
      ) g
      group by g.team`.execute(trx);
    await sql`
      insert into pulse_comments (id, round_id, team, text)
      select gen_random_uuid(), ${round.id}::uuid, ${label}, b.comment
      from pulse_ballots b
      where b.round_id = ${round.id} and b.comment is not null
      order by random()`.execute(trx);
    const counted = await trx
      .selectFrom('pulse_ballots')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('round_id', '=', round.id)
      .executeTakeFirstOrThrow();
    const respondents = Number(counted.n);
    await trx.deleteFrom('pulse_ballots').where('round_id', '=', round.id).execute();
    await trx.deleteFrom('pulse_participants').where('round_id', '=', round.id).execute();
    const closed = { state: 'closed' as const, closed_at: now, respondents, link_secret: null };
    await trx.updateTable('pulse_rounds').set(closed).where('id', '=', round.id).execute();
    await recordAudit(
      trx,
      orgId,
      [
        {
          actor,
          entity: 'pulse_round',
          entityId: round.id,
          change: 'close',
          after: { respondents, audience: round.audience_size },
        },
      ],
      now,
    );
    return { ...round, ...closed };
  });
  // VACUUM cannot run inside a transaction; it runs once the close has committed.
  await sql`vacuum pulse_ballots, pulse_answers, pulse_participants, pulse_rounds`.execute(db);
  return result;
}

/** Teams with enough respondents that their name may be kept; the rest are stored as one unnamed group. */
async function namedTeams(db: Executor, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('pulse_ballots')
    .select((eb) => ['team', eb.fn.countAll<string>().as('n')])
    .where('round_id', '=', roundId)
    .where('team', 'is not', null)
    .groupBy('team')
    .execute();
  return rows.filter((r) => Number(r.n) >= ABSOLUTE_MIN_GROUP).map((r) => r.team as string);
}
