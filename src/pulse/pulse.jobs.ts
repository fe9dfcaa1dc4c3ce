import type { AppContext } from '../app-context.js';
import { localDate } from '../calendar/iso-date.js';
import type { ScheduledJob } from '../scheduler/scheduled-job.js';
import { nudgeRound } from './nudge.service.js';
import { roundsDue } from './round.repository.js';
import { closeRound } from './round-close.service.js';
import { startRound } from './round-start.service.js';

const today = (app: AppContext, now: Date) => localDate(now, app.config.TIME_ZONE);

/** Opens rounds scheduled for today or earlier (sends the pulse card to their audience). */
export const pulseOpenJob: ScheduledJob = {
  name: 'pulse-open',
  cron: () => '0 9 * * *',
  catchUpOnStart: true,
  async run(app, now) {
    for (const round of await roundsDue(app.db, 'scheduled', 'opens_on', today(app, now))) {
      await app.db.transaction().execute((trx) => startRound(trx, round, app.config.PULSE_MIN_GROUP, now));
      app.log.info({ roundId: round.id }, 'pulse round opened');
    }
  },
};

/** Closes rounds whose last day has passed: tallies the answers and destroys the link to people. */
export const pulseCloseJob: ScheduledJob = {
  name: 'pulse-close',
  cron: () => '5 0 * * *',
  catchUpOnStart: true,
  async run(app, now) {
    const yesterday = localDate(new Date(now.getTime() - 86_400_000), app.config.TIME_ZONE);
    for (const state of ['open', 'scheduled'] as const) {
      for (const round of await roundsDue(app.db, state, 'closes_on', yesterday)) {
        await closeRound(app.db, round.org_id, round.id, 'scheduler', now);
        app.log.info({ roundId: round.id }, 'pulse round closed');
      }
    }
  },
};

/** Nudges people who have not answered, on working days at reminder time. */
export const pulseNudgeJob: ScheduledJob = {
  name: 'pulse-nudge',
  cron: (app) => {
    const [h, m] = app.config.REMINDER_TIME.split(':');
    return `${Number(m)} ${Number(h)} * * 1-5`;
  },
  catchUpOnStart: true,
  async run(app, now) {
    const settings = {
      timeZone: app.config.TIME_ZONE,
      afterDays: app.config.PULSE_NUDGE_AFTER_DAYS,
      maxNudges: app.config.PULSE_MAX_NUDGES,
      minGroup: app.config.PULSE_MIN_GROUP,
    };
    for (const round of await roundsDue(app.db, 'open', 'opens_on', today(app, now))) {
      // why: the round lock orders this against a person answering at the same moment (submit holds a share lock),
      // so a nudge is either queued before the answer (and withdrawn by it) or sees the answer.
      const sent = await app.db.transaction().execute(async (trx) => {
        await trx.selectFrom('pulse_rounds').select('id').where('id', '=', round.id).forUpdate().execute();
        return nudgeRound(trx, round, settings, now);
      });
      if (sent) app.log.info({ roundId: round.id, nudged: sent }, 'pulse nudges queued');
    }
  },
};
