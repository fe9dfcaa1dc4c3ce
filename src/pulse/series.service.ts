import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.js';
import { daysInMonth, type IsoDate } from '../calendar/iso-date.js';
import { nextWorkingDay, workingDaysBetween } from '../calendar/working-days.js';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import type { PulseSeriesTable } from './pulse.table.js';
import { PulseInputError } from './pulse-errors.js';
import type { RoundRow } from './round.repository.js';

export type SeriesRow = Selectable<PulseSeriesTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The day round `months` of a series opens: that many calendar months after the first round opened (the last
 * day of a shorter month), moved to the next working day. Counting from the first round, not the last, keeps
 * a round moved past a bank holiday from pushing every later round along with it.
 */
export function seriesOpensOn(anchor: IsoDate, months: number): IsoDate {
  const [year, month, day] = anchor.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return nextWorkingDay(`${y}-${pad(m)}-${pad(Math.min(day, daysInMonth(y, m)))}`);
}

/** Working days a round takes answers (its first working day to its close day), as the series repeats it. */
export function roundLength(opensOn: IsoDate, closesOn: IsoDate): number {
  return Math.max(1, workingDaysBetween(nextWorkingDay(opensOn), closesOn) + 1);
}

/** The organisation's running series, if any (at most one). */
export async function runningSeries(db: Executor, orgId: string): Promise<SeriesRow | undefined> {
  return db
    .selectFrom('pulse_series')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('stopped_at', 'is', null)
    .executeTakeFirst();
}

interface Actor {
  actor: string;
  actorPersonId?: string | null;
}

const audited = (s: SeriesRow) => ({
  statement_codes: s.statement_codes,
  audience_team: s.audience_team,
  audience_service: s.audience_service,
  open_days: s.open_days,
  anchor_on: s.anchor_on,
  next_opens_on: s.next_opens_on,
});

/**
 * Starts a monthly series from a round an admin has just opened (or scheduled), in the caller's transaction.
 * A series already running is stopped first: the latest round an admin opens sets the monthly pattern.
 */
export async function startSeries(
  db: Executor,
  round: RoundRow,
  statementCodes: string[],
  who: Actor,
  now: Date,
): Promise<{ series: SeriesRow; replaced?: SeriesRow }> {
  const replaced = await runningSeries(db, round.org_id);
  if (replaced) await endSeries(db, replaced, who, now, 'replaced by a new series');
  const series: SeriesRow = {
    id: newId(),
    org_id: round.org_id,
    statement_codes: statementCodes,
    audience_team: round.audience_team,
    audience_service: round.audience_service,
    open_days: roundLength(round.opens_on, round.closes_on),
    anchor_on: round.opens_on,
    months: 0,
    next_opens_on: seriesOpensOn(round.opens_on, 1),
    created_by: who.actor,
    created_at: now,
    stopped_at: null,
    stopped_by: null,
  };
  await db
    .insertInto('pulse_series')
    .values({ ...series, statement_codes: JSON.stringify(statementCodes) })
    .execute();
  await db.updateTable('pulse_rounds').set({ series_id: series.id }).where('id', '=', round.id).execute();
  await recordAudit(
    db,
    round.org_id,
    [
      {
        actor: who.actor,
        actorPersonId: who.actorPersonId ?? null,
        entity: 'pulse_series',
        entityId: series.id,
        change: 'start',
        after: { ...audited(series), first_round_id: round.id },
      },
    ],
    now,
  );
  return { series, replaced };
}

async function endSeries(db: Executor, series: SeriesRow, who: Actor, now: Date, reason: string) {
  await db
    .updateTable('pulse_series')
    .set({ stopped_at: now, stopped_by: who.actor })
    .where('id', '=', series.id)
    .execute();
  await recordAudit(
    db,
    series.org_id,
    [
      {
        actor: who.actor,
        actorPersonId: who.actorPersonId ?? null,
        entity: 'pulse_series',
        entityId: series.id,
        change: 'stop',
        before: { next_opens_on: series.next_opens_on },
        after: { stopped_at: now.toISOString(), reason },
      },
    ],
    now,
  );
}

/**
 * Stops the organisation's running series (or the one named by `seriesId`, from a card): no more rounds open;
 * a round in flight runs to its close. Refuses, changing nothing, when there is no such running series.
 */
export async function stopSeries(
  db: Kysely<DB>,
  orgId: string,
  who: Actor,
  now: Date,
  seriesId?: string,
): Promise<SeriesRow> {
  if (seriesId !== undefined && !UUID.test(seriesId))
    throw new PulseInputError('That monthly Health Check series does not exist.');
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('pulse_series')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('stopped_at', 'is', null);
    if (seriesId !== undefined) query = query.where('id', '=', seriesId);
    const series = await query.forUpdate().executeTakeFirst();
    if (!series) {
      throw new PulseInputError(
        seriesId === undefined
          ? 'No monthly Health Check series is running, so there is nothing to stop.'
          : 'That monthly Health Check series is not running: it has been stopped already, or is not one of yours.',
      );
    }
    await endSeries(trx, series, who, now, 'stopped');
    return { ...series, stopped_at: now, stopped_by: who.actor };
  });
}
