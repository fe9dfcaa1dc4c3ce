import { writeFileSync } from 'node:fs';
import { buildDigestCard } from '../cards/digest.card.js';
import { openPglite } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Rag } from '../src/db/schema.js';
import { composeDigest } from '../src/digest/digest.service.js';
import { loadSamplePlan } from '../src/plan/sample-plan.js';
import { submitAnswers } from '../src/pulse/answer.service.js';
import { roundStatements } from '../src/pulse/round.repository.js';
import { openRound } from '../src/pulse/round.service.js';
import { closeRound } from '../src/pulse/round-close.service.js';
import { newId } from '../src/shared/ids.js';
import { renderCard } from './render-card.js';

/**
 * docs/digest.png: the weekly digest of the sample plan on Mon 22 June 2020, after a week of updates and two
 * Health Check rounds of 40 simulated social workers, rendered as Teams shows it.
 */
const out = process.argv[2] ?? 'docs/digest.png';
const orgId = 'sample-tenant';
const store = await openPglite({});
await migrateToLatest(store.db);
await loadSamplePlan(store.db, orgId, new Date('2020-02-03T09:00:00Z'));

const updates: [string, Rag, number, string, string?][] = [
  ['1a', 'green', 100, '2020-03-20T10:00:00Z', 'done'],
  ['1b', 'green', 100, '2020-04-21T10:00:00Z', 'done'],
  ['1c', 'green', 100, '2020-06-16T10:00:00Z', 'done'],
  ['2a', 'amber', 50, '2020-06-03T10:00:00Z'],
  ['2a', 'red', 50, '2020-06-17T10:00:00Z'],
  ['3a', 'green', 70, '2020-06-18T10:00:00Z'],
  ['3b', 'amber', 40, '2020-06-19T10:00:00Z'],
  ['4a', 'green', 60, '2020-06-11T10:00:00Z'],
  ['5a', 'green', 30, '2020-06-15T10:00:00Z'],
  ['6b', 'amber', 20, '2020-06-16T12:00:00Z'],
  ['7c', 'green', 60, '2020-06-17T09:31:00Z'],
];
for (const [ref, rag, percent, at, kind] of updates) {
  const action = await store.db
    .selectFrom('actions')
    .select('id')
    .where('org_id', '=', orgId)
    .where('ref', '=', ref)
    .executeTakeFirstOrThrow();
  const when = new Date(at);
  await store.db
    .insertInto('status_updates')
    .values({
      id: newId(),
      org_id: orgId,
      action_id: action.id,
      kind: kind ?? 'update',
      rag,
      percent,
      narrative: null,
      created_at: when,
    })
    .execute();
  await store.db
    .updateTable('actions')
    .set({
      rag,
      percent,
      last_update_at: when,
      ...(kind === 'done' ? { state: 'complete', completed_at: when } : {}),
    })
    .where('id', '=', action.id)
    .execute();
}

const escalated = await store.db
  .selectFrom('actions')
  .select(['id', 'due_date'])
  .where('org_id', '=', orgId)
  .where('ref', '=', '7a')
  .executeTakeFirstOrThrow();
await store.db
  .insertInto('escalations')
  .values({
    id: newId(),
    org_id: orgId,
    action_id: escalated.id,
    due_date: escalated.due_date,
    escalated_on: '2020-06-16',
    working_days_overdue: 5,
    owner_roles: JSON.stringify(['DCIS', 'SLT']),
    created_at: new Date('2020-06-16T08:30:00Z'),
  })
  .execute();

const people = Array.from({ length: 40 }, (_, i) => ({ id: newId(), i }));
await store.db
  .insertInto('people')
  .values(
    people.map((p) => ({
      id: p.id,
      org_id: orgId,
      display_name: `Social worker ${p.i}`,
      email: `sw${p.i}@council.example`,
      aad_object_id: null,
      team: `CiN Team ${1 + (p.i % 4)}`,
      service: "Children's Integrated Services",
      is_social_worker: true,
      delegate_person_id: null,
      access: null,
    })),
  )
  .execute();
for (const [opensOn, answering, lift] of [
  ['2020-04-20', 26, 0],
  ['2020-05-18', 29, 1],
] as const) {
  const round = await openRound(
    store.db,
    orgId,
    { actor: 'sample' },
    { today: opensOn, openDays: 5, minGroup: 5 },
    new Date(`${opensOn}T08:00:00Z`),
  );
  const statements = await roundStatements(store.db, round.id);
  for (const p of people.slice(0, answering)) {
    const answers = Object.fromEntries(
      statements.map((s, j) => [s.id, Math.min(5, 1 + ((p.i * 3 + j * 2 + lift * (p.i % 3)) % 5))]),
    );
    await submitAnswers(store.db, orgId, p.id, { roundId: round.id, answers, comment: null }, opensOn);
  }
  await closeRound(
    store.db,
    orgId,
    round.id,
    'sample',
    new Date(new Date(`${opensOn}T23:00:00Z`).getTime() + 6 * 86_400_000),
  );
}

const view = await composeDigest(store.db, orgId, {
  now: new Date('2020-06-22T07:30:00Z'),
  timeZone: 'Europe/London',
  publicUrl: 'https://practice-pulse.council.example',
  minGroup: 5,
});
await store.close();
const card = buildDigestCard(view, 5);
writeFileSync(out.replace(/\.png$/, '.card.json'), `${JSON.stringify(card, null, 2)}\n`);
writeFileSync(out, await renderCard(card, { width: 480 }));
process.stdout.write(
  `${out}: ${Buffer.byteLength(JSON.stringify(card)).toLocaleString('en-GB')} bytes of card JSON\n`,
);
