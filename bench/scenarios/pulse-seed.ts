import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { ensureOrganisation } from '../../src/org/organisation.repository.js';
import { ballotLink } from '../../src/pulse/anonymity.js';
import { readStatementsCsv, seedStatements } from '../../src/pulse/statement.repository.js';
import { newId } from '../../src/shared/ids.js';

export interface PulseSize {
  people: number;
  teams: number;
  /** Closed rounds before the one run for real. */
  history: number;
  /** Share of the audience that answers (0–1). */
  answering: number;
}

/** A council of social workers in teams, with the Health Check statements and `history` closed rounds (bulk SQL). */
export async function seedPulseOrg(db: Kysely<DB>, orgId: string, size: PulseSize, now: Date): Promise<void> {
  await ensureOrganisation(db, orgId, 'Bench Council');
  await sql`insert into people (id, org_id, display_name, email, team, service, is_social_worker)
    select gen_random_uuid(), ${orgId}, 'Social Worker ' || i, 'sw' || i || '@bench.example',
      'Team ' || (i % ${size.teams}), 'Children''s Social Work', true
    from generate_series(1, ${size.people}) i`.execute(db);
  await seedStatements(db, orgId, readStatementsCsv(), 'bench', now);
  const respondents = Math.round(size.people * size.answering);
  await sql`insert into pulse_rounds (id, org_id, state, opens_on, closes_on, audience_size, respondents, created_by, created_at, opened_at, closed_at)
    select gen_random_uuid(), ${orgId}, 'closed', date '2023-01-02' + i * 28, date '2023-01-02' + i * 28 + 11,
      ${size.people}, ${respondents}, 'bench', ${now}, ${now}, ${now}
    from generate_series(1, ${size.history}) i`.execute(db);
  await sql`insert into pulse_round_statements (round_id, statement_id, ordinal)
    select r.id, s.id, s.ordinal from pulse_rounds r join pulse_statements s on s.org_id = r.org_id
    where r.org_id = ${orgId}`.execute(db);
  await sql`insert into pulse_round_groups (round_id, team, audience, respondents)
    select r.id, 'Team ' || t, ${Math.floor(size.people / size.teams)}, ${Math.floor(respondents / size.teams)}
    from pulse_rounds r, generate_series(0, ${size.teams - 1}) t where r.org_id = ${orgId}`.execute(db);
  await sql`insert into pulse_tallies (round_id, statement_id, team, value, n)
    select rs.round_id, rs.statement_id, 'Team ' || t, v, 1 + abs(hashtext(rs.round_id::text || rs.statement_id::text || t || v)) % ${Math.max(1, Math.floor(respondents / size.teams / 3))}
    from pulse_round_statements rs join pulse_rounds r on r.id = rs.round_id,
      generate_series(0, ${size.teams - 1}) t, generate_series(0, 5) v
    where r.org_id = ${orgId}`.execute(db);
}

/** Answers for a share of an open round's audience, written as the answer service writes them (bulk). */
export async function answerInBulk(db: Kysely<DB>, roundId: string, answering: number): Promise<number> {
  const round = await db
    .selectFrom('pulse_rounds')
    .select('link_secret')
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow();
  const statements = await db
    .selectFrom('pulse_round_statements')
    .select('statement_id')
    .where('round_id', '=', roundId)
    .execute();
  const people = await db
    .selectFrom('pulse_participants')
    .select(['person_id', 'team'])
    .where('round_id', '=', roundId)
    .execute();
  const chosen = people.slice(0, Math.round(people.length * answering));
  for (let i = 0; i < chosen.length; i += 500) {
    const batch = chosen.slice(i, i + 500).map((p, k) => ({
      id: newId(),
      round_id: roundId,
      link: ballotLink(round.link_secret as string, p.person_id),
      team: p.team,
      comment: (i + k) % 10 === 0 ? `Comment ${i + k}: supervision keeps moving` : null,
    }));
    await db.insertInto('pulse_ballots').values(batch).execute();
    const answers = batch.flatMap((b, k) =>
      statements.map((s, j) => ({ ballot_id: b.id, statement_id: s.statement_id, value: (i + k + j) % 6 })),
    );
    await db.insertInto('pulse_answers').values(answers).execute();
  }
  await db
    .updateTable('pulse_participants')
    .set({ answered: true })
    .where('round_id', '=', roundId)
    .where(
      'person_id',
      'in',
      chosen.map((p) => p.person_id),
    )
    .execute();
  return chosen.length;
}
