import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit.repository.js';
import { localDate, localTime } from '../calendar/iso-date.js';
import { addWorkingDays, isWorkingDay } from '../calendar/working-days.js';
import type { Executor } from '../db/executor.js';
import type { ScheduledJob } from '../scheduler/scheduled-job.js';
import { PulseInputError } from './pulse-errors.js';
import { liveRound } from './round.repository.js';
import { createRound } from './round.service.js';
import { closeRound } from './round-close.service.js';
import { type SeriesRow, seriesOpensOn } from './series.service.js';
import { listLiveStatements } from './statement.repository.js';

export type SeriesOutcome =
  | { kind: 'opened'; roundId: string; nextOpensOn: string }
  | { kind: 'skipped'; reason: string; nextOpensOn: string }
  | { kind: 'waiting'; reason: string }
  | { kind: 'not-due' };

/**
 * Opens the round a monthly series owes on `today`, once: the series row is locked and read again inside the
 * transaction, so a second copy of the bot (or a second run) finds it already moved on and does nothing. After
 * a stop of the bot that missed one or more months, one round opens now and the series resumes its dates.
 */
export async function openSeriesRound(
  app: AppContext,
  seriesId: string,
  today: string,
  now: Date,
): Promise<SeriesOutcome> {
  await closeOverdueRound(app, seriesId, today, now);
  return app.db.transaction().execute(async (trx): Promise<SeriesOutcome> => {
    const series = await trx
      .selectFrom('pulse_series')
      .selectAll()
      .where('id', '=', seriesId)
      .where('stopped_at', 'is', null)
      .where('next_opens_on', '<=', today)
      .forUpdate()
      .executeTakeFirst();
    if (!series) return { kind: 'not-due' };
    const live = await liveRound(trx, series.org_id);
    // why: one round in flight per organisation; the month's round opens the working day after that one closes.
    if (live) return { kind: 'waiting', reason: `round ${live.id} is ${live.state} until ${live.closes_on}` };
    let months = series.months + 1;
    while (seriesOpensOn(series.anchor_on, months + 1) <= today) months++;
    const next = seriesOpensOn(series.anchor_on, months + 1);
    const advance = () =>
      trx
        .updateTable('pulse_series')
        .set({ months, next_opens_on: next })
        .where('id', '=', series.id)
        .execute();
    // by code: a reworded statement is asked in its current wording, a retired one no more.
    const liveCodes = new Set((await listLiveStatements(trx, series.org_id)).map((s) => s.code));
    const statements = series.statement_codes.filter((code) => liveCodes.has(code));
    try {
      if (statements.length === 0)
        throw new PulseInputError('every statement the series asks has been retired');
      const { round } = await createRound(
        trx,
        series.org_id,
        {
          statements,
          team: series.audience_team ?? undefined,
          service: series.audience_service ?? undefined,
          closesOn: addWorkingDays(today, series.open_days - 1),
          actor: 'scheduler',
          seriesId: series.id,
        },
        { today, openDays: series.open_days, minGroup: app.config.PULSE_MIN_GROUP },
        now,
      );
      await advance();
      return { kind: 'opened', roundId: round.id, nextOpensOn: next };
    } catch (error) {
      if (!(error instanceof PulseInputError)) throw error;
      // why: the roster or the statement bank no longer allows the round (nothing was written); the month is
      // skipped, recorded for the programme office, and the series tries again next month.
      await advance();
      await skipped(trx, series, error.message, next, now);
      return { kind: 'skipped', reason: error.message, nextOpensOn: next };
    }
  });
}

/**
 * Closes the organisation's round whose last day has passed, as the close job would: after a restart both jobs
 * catch up at once, and the month's round must not wait a day for the close job to finish first.
 */
async function closeOverdueRound(app: AppContext, seriesId: string, today: string, now: Date) {
  const overdue = await app.db
    .selectFrom('pulse_series as s')
    .innerJoin('pulse_rounds as r', 'r.org_id', 's.org_id')
    .select(['r.org_id', 'r.id'])
    .where('s.id', '=', seriesId)
    .where('r.state', '<>', 'closed')
    .where('r.closes_on', '<', today)
    .executeTakeFirst();
  if (!overdue) return;
  try {
    await closeRound(app.db, overdue.org_id, overdue.id, 'scheduler', now);
  } catch (error) {
    // The close job (or another copy) closed it first.
    if (!(error instanceof PulseInputError)) throw error;
  }
}

async function skipped(trx: Executor, series: SeriesRow, reason: string, next: string, now: Date) {
  await recordAudit(
    trx,
    series.org_id,
    [
      {
        actor: 'scheduler',
        entity: 'pulse_series',
        entityId: series.id,
        change: 'skip',
        after: { reason, next_opens_on: next },
      },
    ],
    now,
  );
}

/**
 * Opens every series' round that is due at `now`: on working days from REMINDER_TIME (as the cards people get
 * each morning); a start-up catch-up before that time, or on a weekend, does nothing. `onlyOrgs` narrows it to
 * some organisations (tests sharing a store).
 */
export async function openDueSeriesRounds(app: AppContext, now: Date, onlyOrgs?: string[]): Promise<number> {
  const today = localDate(now, app.config.TIME_ZONE);
  if (!isWorkingDay(today) || localTime(now, app.config.TIME_ZONE) < app.config.REMINDER_TIME) return 0;
  let query = app.db
    .selectFrom('pulse_series')
    .select('id')
    .where('stopped_at', 'is', null)
    .where('next_opens_on', '<=', today);
  if (onlyOrgs) query = query.where('org_id', 'in', onlyOrgs);
  const due = await query.orderBy('next_opens_on').execute();
  let opened = 0;
  for (const { id } of due) {
    try {
      const outcome = await openSeriesRound(app, id, today, now);
      if (outcome.kind === 'opened') {
        opened++;
        app.log.info({ seriesId: id, ...outcome }, 'monthly pulse round opened');
      } else if (outcome.kind === 'skipped')
        app.log.warn({ seriesId: id, ...outcome }, 'monthly pulse round skipped this month');
      else if (outcome.kind === 'waiting')
        app.log.info({ seriesId: id, ...outcome }, 'monthly pulse round waits');
    } catch (error) {
      // why: one organisation's failure must not hold back the others; the next run tries again.
      app.log.error({ err: error, seriesId: id }, 'monthly pulse round failed');
    }
  }
  return opened;
}

/** Monthly Health Check rounds: each working day at REMINDER_TIME, and at start-up to catch up. */
export const pulseSeriesJob: ScheduledJob = {
  name: 'pulse-series',
  cron: (app) => {
    const [h, m] = app.config.REMINDER_TIME.split(':');
    return `${Number(m)} ${Number(h)} * * 1-5`;
  },
  catchUpOnStart: true,
  async run(app, now) {
    await openDueSeriesRounds(app, now);
  },
};
