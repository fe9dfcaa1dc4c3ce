import type { Store } from '../../src/db/connect.js';
import { openRound } from '../../src/pulse/round.service.js';
import { closeRound } from '../../src/pulse/round-close.service.js';
import { newId } from '../../src/shared/ids.js';
import { answerAll, type SimPerson } from './pulse-fixtures.js';

/** Adds social workers to an organisation's roster (one team), for Health Check rounds. */
export async function addSocialWorkers(store: Store, orgId: string, count: number): Promise<SimPerson[]> {
  const people = Array.from({ length: count }, () => ({ id: newId(), team: 'CiN Team 9' }));
  await store.db
    .insertInto('people')
    .values(
      people.map((p, i) => ({
        id: p.id,
        org_id: orgId,
        display_name: `Pulse Social Worker ${i + 1}`,
        email: `pulse-sw${i + 1}@${orgId}.example`,
        aad_object_id: null,
        team: p.team,
        service: "Children's Social Work",
        is_social_worker: true,
        delegate_person_id: null,
        access: null,
      })),
    )
    .execute();
  return people;
}

/** Opens a round on `opensOn`, lets the first `answering` people answer, and closes it at `closeAt`. */
export async function closedRound(
  store: Store,
  orgId: string,
  people: SimPerson[],
  round: { opensOn: string; answering: number; closeAt: string },
): Promise<void> {
  const opened = await openRound(
    store.db,
    orgId,
    { actor: 'test' },
    { today: round.opensOn, openDays: 5, minGroup: 5 },
    new Date(`${round.opensOn}T09:00:00Z`),
  );
  await answerAll(store, orgId, opened.id, people.slice(0, round.answering), round.opensOn);
  await closeRound(store.db, orgId, opened.id, 'test', new Date(round.closeAt));
}
