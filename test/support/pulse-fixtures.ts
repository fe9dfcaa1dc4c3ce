import type { Store } from '../../src/db/connect.js';
import { PREFER_NOT_TO_SAY, submitAnswers } from '../../src/pulse/answer.service.js';
import { roundStatements } from '../../src/pulse/round.repository.js';
import { newId } from '../../src/shared/ids.js';
import { createOrg } from './store.js';

export interface SimPerson {
  id: string;
  team: string;
}

/** A fresh organisation whose roster is only social workers in teams of the given sizes (bulk inserted). */
export async function socialWorkerOrg(store: Store, teams: Record<string, number>) {
  const orgId = await createOrg(store);
  const people: SimPerson[] = [];
  for (const [team, size] of Object.entries(teams)) {
    for (let i = 0; i < size; i++) people.push({ id: newId(), team });
  }
  await store.db
    .insertInto('people')
    .values(
      people.map((p, i) => ({
        id: p.id,
        org_id: orgId,
        display_name: `Social Worker ${i + 1}`,
        email: `sw${i + 1}@${orgId}.example`,
        aad_object_id: null,
        team: p.team,
        service: "Children's Social Work",
        is_social_worker: true,
        delegate_person_id: null,
        access: null,
      })),
    )
    .execute();
  return { orgId, people };
}

/** A deterministic answer (0 = prefer not to say, else 1–5) for person i and statement j. */
export const simulatedAnswer = (i: number, j: number): number =>
  (i * 7 + j * 3) % 11 === 0 ? PREFER_NOT_TO_SAY : ((i + 2 * j) % 5) + 1;

/** Submits answers for the given people through the real service; returns each person's answers by statement. */
export async function answerAll(
  store: Store,
  orgId: string,
  roundId: string,
  people: SimPerson[],
  today: string,
) {
  const statements = await roundStatements(store.db, roundId);
  const given = new Map<string, number[]>();
  for (const [i, p] of people.entries()) {
    const values = statements.map((_, j) => simulatedAnswer(i, j));
    const answers = Object.fromEntries(statements.map((s, j) => [s.id, values[j]!]));
    const outcome = await submitAnswers(store.db, orgId, p.id, { roundId, answers, comment: null }, today);
    if (outcome.kind !== 'recorded') throw new Error(`answer not recorded: ${JSON.stringify(outcome.kind)}`);
    given.set(p.id, values);
  }
  return { statements, given };
}

/** Gives each person a stored 1:1 conversation at `serviceUrl` (a fake connector), as installing the app would. */
export async function reachableAt(store: Store, orgId: string, people: SimPerson[], serviceUrl: string) {
  await store.db
    .insertInto('conversation_refs')
    .values(
      people.map((p) => ({
        id: newId(),
        org_id: orgId,
        conversation_id: `a:${p.id}`,
        kind: 'personal' as const,
        person_id: p.id,
        aad_object_id: null,
        team_id: null,
        channel_name: null,
        service_url: serviceUrl,
        reference: JSON.stringify({
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: `a:${p.id}`, tenantId: orgId, conversationType: 'personal' },
          bot: { id: '28:practice-pulse' },
          user: { id: `29:${p.id}` },
        }),
        updated_at: new Date(),
      })),
    )
    .execute();
}
