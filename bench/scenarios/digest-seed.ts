import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.js';

export interface DigestSeedSize {
  actions: number;
  updatesPerAction: number;
  rounds: number;
  people: number;
}

/**
 * A large council in bulk SQL (generate_series), so seeding takes seconds: 10 priority areas, 25 actions per
 * objective, updates spread over the past year (the newest within about two weeks, so the digest's week has
 * thousands), and closed Health Check rounds of 7 statements with ballots, answers, per-team groups and tallies.
 */
export async function seedDigestOrg(
  db: Kysely<DB>,
  orgId: string,
  now: Date,
  size: DigestSeedSize,
): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const objectives = Math.ceil(size.actions / 25);
  const perArea = Math.ceil(objectives / 10);
  const teams = 40;
  await sql`insert into organisations (id, name) values (${orgId}, 'Bench Council')`.execute(db);
  await sql`insert into roles (org_id, code, title) values (${orgId}, 'DCS', 'Director of Children''s Services')`.execute(
    db,
  );
  const plan = await sql<{ id: string }>`insert into plans (id, org_id, name, source_file, imported_at)
    values (gen_random_uuid(), ${orgId}, 'Bench plan', 'bench.xlsx', ${now}) returning id`.execute(db);
  const planId = plan.rows[0]!.id;
  await sql`insert into priority_areas (plan_id, ordinal, name)
    select ${planId}, g, 'Priority area ' || g from generate_series(1, 10) g`.execute(db);
  await sql`insert into objectives (plan_id, priority_area_id, number, text)
    select ${planId}, pa.id, (pa.ordinal - 1) * ${perArea} + g, 'Objective ' || ((pa.ordinal - 1) * ${perArea} + g)
    from priority_areas pa, generate_series(1, ${perArea}) g where pa.plan_id = ${planId}`.execute(db);
  await sql`insert into actions (id, org_id, plan_id, objective_id, ref, text, owners_text, due_text, due_date, state, created_at, updated_at)
    select gen_random_uuid(), ${orgId}, ${planId}, o.id, o.number || chr(96 + g),
      'Carry out improvement step ' || o.number || chr(96 + g) || ', agree it with partners and report progress to the board.',
      'DCS', 'a month', ${today}::date + ((o.number * 7 + g * 13) % 240 - 120),
      case when (o.number + g) % 9 = 0 then 'complete' else 'open' end, ${now}::timestamptz - interval '400 days', ${now}
    from objectives o, generate_series(1, 25) g
    where o.plan_id = ${planId} and (o.number - 1) * 25 + g <= ${size.actions}`.execute(db);
  await sql`insert into action_owner_roles (action_id, role_code, ordinal)
    select id, 'DCS', 0 from actions where org_id = ${orgId}`.execute(db);
  await sql`insert into status_updates (id, org_id, action_id, kind, rag, percent, narrative, created_at)
    select gen_random_uuid(), ${orgId}, a.id, 'update',
      (array['green', 'amber', 'red'])[1 + (abs(hashtext(a.id::text)) + g) % 3], least(100, (${size.updatesPerAction} - g) * 5),
      'Progress reported to the board.',
      ${now}::timestamptz - make_interval(days => (g - 1) * 18, hours => 1 + abs(hashtext(a.id::text || g)) % 400)
    from actions a, generate_series(1, ${size.updatesPerAction}) g where a.org_id = ${orgId}`.execute(db);
  await sql`update actions a set rag = s.rag, percent = s.percent, last_update_at = s.created_at,
      completed_at = case when a.state = 'complete' then s.created_at end
    from (select distinct on (action_id) action_id, rag, percent, created_at from status_updates
          where org_id = ${orgId} order by action_id, created_at desc) s
    where a.id = s.action_id`.execute(db);
  await seedRounds(db, orgId, now, size, teams);
  await sql`analyze`.execute(db);
}

async function seedRounds(db: Kysely<DB>, orgId: string, now: Date, size: DigestSeedSize, teams: number) {
  const perTeam = Math.floor(size.people / teams);
  const answeredPerTeam = Math.floor(perTeam * 0.7);
  const respondents = answeredPerTeam * teams;
  await sql`insert into pulse_statements (id, org_id, code, text, ordinal, created_at)
    select gen_random_uuid(), ${orgId}, 'statement-' || g, 'Health Check statement ' || g, g, ${now}
    from generate_series(1, 7) g`.execute(db);
  await sql`insert into pulse_rounds (id, org_id, state, opens_on, closes_on, audience_size, respondents, created_by, created_at, opened_at, closed_at)
    select gen_random_uuid(), ${orgId}, 'closed', ${now}::date - 30 * g - 14, ${now}::date - 30 * g, ${size.people}, ${respondents},
      'bench', ${now}, ${now}, ${now}::timestamptz - make_interval(days => 30 * g - 1)
    from generate_series(1, ${size.rounds}) g`.execute(db);
  await sql`insert into pulse_round_statements (round_id, statement_id, ordinal)
    select r.id, s.id, s.ordinal from pulse_rounds r, pulse_statements s where r.org_id = ${orgId} and s.org_id = ${orgId}`.execute(
    db,
  );
  await sql`insert into pulse_round_groups (round_id, team, audience, respondents)
    select r.id, 'Team ' || t, ${perTeam}, ${answeredPerTeam}
    from pulse_rounds r, generate_series(1, ${teams}) t where r.org_id = ${orgId}`.execute(db);
  await sql`insert into pulse_ballots (id, round_id, link, team)
    select gen_random_uuid(), r.id, 'closed-' || b, 'Team ' || (1 + b % ${teams})
    from pulse_rounds r, generate_series(1, ${respondents}) b where r.org_id = ${orgId}`.execute(db);
  await sql`insert into pulse_answers (ballot_id, statement_id, value)
    select b.id, rs.statement_id, (abs(hashtext(b.id::text || rs.ordinal)) % 6)::smallint
    from pulse_ballots b join pulse_rounds r on r.id = b.round_id
    join pulse_round_statements rs on rs.round_id = r.id where r.org_id = ${orgId}`.execute(db);
  await sql`insert into pulse_tallies (round_id, statement_id, team, value, n)
    select b.round_id, a.statement_id, b.team, a.value, count(*)
    from pulse_answers a join pulse_ballots b on b.id = a.ballot_id join pulse_rounds r on r.id = b.round_id
    where r.org_id = ${orgId} group by b.round_id, a.statement_id, b.team, a.value`.execute(db);
}
