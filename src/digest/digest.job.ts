import type { AppContext } from '../app-context.js';
import { localDate } from '../calendar/iso-date.js';
import { addWorkingDays } from '../calendar/working-days.js';
import type { ScheduledJob } from '../scheduler/scheduled-job.js';
import { publishDigests } from './digest-publisher.js';
import { currentSlot, digestCron } from './digest-week.js';
import './digest.table.js';

/**
 * The weekly digest. Runs every weekday at DIGEST_TIME and publishes the latest slot that has come (DIGEST_DAY,
 * or the next working day after a bank holiday); the outbox key per channel and week makes every later run
 * of the same week, a restart or a second copy add nothing.
 */
const CATCH_UP_WORKING_DAYS = 2;

export const digestJob: ScheduledJob = {
  name: 'weekly-digest',
  cron: (app) => digestCron(app.config),
  catchUpOnStart: true,
  async run(app: AppContext, now: Date) {
    const today = localDate(now, app.config.TIME_ZONE);
    const slot = currentSlot(now, today, app.config);
    // A slot missed while the bot was down is caught up for two working days; later it would read as stale news.
    if (today > addWorkingDays(slot.date, CATCH_UP_WORKING_DAYS)) return;
    const allowed = app.config.TENANT_ALLOW_LIST;
    if (allowed.length === 0) return;
    // why: a council taken off the allow list gets nothing more, even with subscriptions left in the store.
    const orgs = await app.db
      .selectFrom('digest_subscriptions')
      .select('org_id')
      .distinct()
      .where('org_id', 'in', allowed)
      .execute();
    for (const { org_id: orgId } of orgs) {
      const enqueued = await publishDigests(app.db, orgId, app.config, slot, now);
      if (enqueued) app.log.info({ orgId, week: slot.week, enqueued }, 'weekly digest enqueued');
    }
  },
};
