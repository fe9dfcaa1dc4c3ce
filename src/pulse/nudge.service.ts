import { localDate } from '../calendar/iso-date.js';
import { isWorkingDay, workingDaysBetween } from '../calendar/working-days.js';
import type { Executor } from '../db/executor.js';
import { enqueueMessage } from '../delivery/outbox.repository.js';
import { effectiveMinGroup } from './anonymity.js';
import { pulseActivity } from './pulse-messages.js';
import { type RoundRow, roundStatements } from './round.repository.js';

export interface NudgeSettings {
  timeZone: string;
  afterDays: number;
  maxNudges: number;
  minGroup: number;
}

/** Which nudge is due on a day: the n-th comes n × afterDays working days after opening, before the close day passes. */
export function nudgeNumberOn(
  round: Pick<RoundRow, 'opens_on' | 'closes_on'>,
  today: string,
  settings: NudgeSettings,
): number {
  if (!isWorkingDay(today) || today > round.closes_on) return 0;
  const elapsed = workingDaysBetween(round.opens_on, today);
  return Math.min(settings.maxNudges, Math.floor(elapsed / settings.afterDays));
}

/**
 * Queues the due nudge for everyone in an open round who has not answered and has had fewer nudges. Never to
 * someone who has answered; one outbox key per round, person and nudge number, so a repeated run sends nothing twice.
 */
export async function nudgeRound(
  db: Executor,
  round: RoundRow,
  settings: NudgeSettings,
  now: Date,
): Promise<number> {
  const n = nudgeNumberOn(round, localDate(now, settings.timeZone), settings);
  if (round.state !== 'open' || n === 0) return 0;
  const due = await db
    .selectFrom('pulse_participants')
    .select('person_id')
    .where('round_id', '=', round.id)
    .where('answered', '=', false)
    .where('nudges', '<', n)
    .execute();
  if (due.length === 0) return 0;
  const statements = await roundStatements(db, round.id);
  const activity = pulseActivity({
    roundId: round.id,
    closesOn: round.closes_on,
    minGroup: effectiveMinGroup(settings.minGroup),
    statements: statements.map((s) => ({ id: s.id, text: s.text })),
    note: 'nudge',
  });
  for (const p of due) {
    const key = `pulse-nudge:${round.id}:${p.person_id}:${n}`;
    await enqueueMessage(
      db,
      round.org_id,
      { key, kind: 'nudge', target: { personId: p.person_id }, activity },
      now,
    );
  }
  await db
    .updateTable('pulse_participants')
    .set({ nudges: n })
    .where('round_id', '=', round.id)
    .where('answered', '=', false)
    .where('nudges', '<', n)
    .execute();
  return due.length;
}
