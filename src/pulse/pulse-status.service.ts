import type { IsoDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import { effectiveMinGroup } from './anonymity.js';
import { liveRound, participationCounts } from './round.repository.js';
import { runningSeries } from './series.service.js';

export interface PulseStatus {
  roundId: string;
  state: 'scheduled' | 'open';
  opensOn: IsoDate;
  closesOn: IsoDate;
  audience: number;
  /** Answers so far; null while fewer than the threshold have answered (counts only, never who). */
  answered: number | null;
  /** 0–100, null while fewer than the threshold have answered. */
  responseRate: number | null;
  minGroup: number;
}

/** The round in flight and how many have answered so far, for admins and leads; undefined when none. */
export async function pulseStatus(
  db: Executor,
  orgId: string,
  minGroup: number,
): Promise<PulseStatus | undefined> {
  const round = await liveRound(db, orgId);
  if (!round || round.state === 'closed') return undefined;
  const min = effectiveMinGroup(minGroup);
  const { audience, answered } = await participationCounts(db, round.id);
  const shown = answered >= min;
  return {
    roundId: round.id,
    state: round.state,
    opensOn: round.opens_on,
    closesOn: round.closes_on,
    audience,
    answered: shown ? answered : null,
    responseRate: shown && audience > 0 ? Math.round((100 * answered) / audience) : null,
    minGroup: min,
  };
}

/** The running monthly series, for `pulse status`: when its next round opens. */
export interface SeriesStatus {
  seriesId: string;
  nextOpensOn: IsoDate;
  openDays: number;
  team: string | null;
  service: string | null;
}

export async function seriesStatus(db: Executor, orgId: string): Promise<SeriesStatus | undefined> {
  const series = await runningSeries(db, orgId);
  if (!series) return undefined;
  return {
    seriesId: series.id,
    nextOpensOn: series.next_opens_on,
    openDays: series.open_days,
    team: series.audience_team,
    service: series.audience_service,
  };
}

/**
 * Open rounds' response rates in every organisation, for the metrics gauge (labels only, never who). A round
 * with fewer answers than the threshold is left out, as on the status card.
 */
export async function openRoundRates(
  db: Executor,
  minGroup: number,
): Promise<{ orgId: string; roundId: string; rate: number }[]> {
  const rows = await db
    .selectFrom('pulse_rounds as r')
    .innerJoin('pulse_participants as p', 'p.round_id', 'r.id')
    .select((eb) => [
      'r.org_id',
      'r.id',
      eb.fn.countAll<string>().as('audience'),
      eb.fn.count<string>('p.person_id').filterWhere('p.answered', '=', true).as('answered'),
    ])
    .where('r.state', '=', 'open')
    .groupBy(['r.org_id', 'r.id'])
    .execute();
  const min = effectiveMinGroup(minGroup);
  return rows
    .filter((r) => Number(r.answered) >= min)
    .map((r) => ({ orgId: r.org_id, roundId: r.id, rate: Number(r.answered) / Number(r.audience) }));
}
