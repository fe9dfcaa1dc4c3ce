import type { Kysely } from 'kysely';
import { localDate } from '../calendar/iso-date.js';
import type { Config } from '../config/config.schema.js';
import type { DB } from '../db/schema.js';
import { openRound } from './round.service.js';

/**
 * For the demo (`npm start`, sample plan with demo dates): a real Health Check round open for the sample's
 * social workers, so the person chatting in the playground receives a pulse card as on a round's first day.
 */
export async function openDemoRound(db: Kysely<DB>, orgId: string, config: Config, now: Date): Promise<void> {
  await openRound(
    db,
    orgId,
    // why: the demo's round is not an admin's choice of monthly pattern (and its dates are shifted).
    { actor: 'sample import', once: true },
    {
      today: localDate(now, config.TIME_ZONE),
      openDays: config.PULSE_OPEN_DAYS,
      minGroup: config.PULSE_MIN_GROUP,
    },
    now,
  );
}
