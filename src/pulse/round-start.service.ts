import { recordAudit } from '../audit/audit.repository.js';
import type { Executor } from '../db/executor.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { effectiveMinGroup } from './anonymity.js';
import { pulseActivity } from './pulse-messages.js';
import { type RoundRow, roundStatements } from './round.repository.js';

/** Moves a round to open and queues the pulse card for every person in its audience (idempotent keys). */
export async function startRound(
  db: Executor,
  round: RoundRow,
  minGroup: number,
  now: Date,
  actor = 'scheduler',
): Promise<RoundRow> {
  await db
    .updateTable('pulse_rounds')
    .set({ state: 'open', opened_at: now })
    .where('id', '=', round.id)
    .execute();
  const statements = await roundStatements(db, round.id);
  const activity = pulseActivity({
    roundId: round.id,
    closesOn: round.closes_on,
    minGroup: effectiveMinGroup(minGroup),
    statements: statements.map((s) => ({ id: s.id, text: s.text })),
  });
  const people = await db
    .selectFrom('pulse_participants')
    .select('person_id')
    .where('round_id', '=', round.id)
    .execute();
  for (const p of people) {
    await enqueueMessage(
      db,
      round.org_id,
      { key: `pulse:${round.id}:${p.person_id}`, kind: 'pulse', target: { personId: p.person_id }, activity },
      now,
    );
  }
  await recordAudit(
    db,
    round.org_id,
    [
      {
        actor,
        entity: 'pulse_round',
        entityId: round.id,
        change: 'open',
        after: { audience: people.length },
      },
    ],
    now,
  );
  return { ...round, state: 'open', opened_at: now };
}
