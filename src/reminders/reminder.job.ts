import type { AppContext } from '../app-context.js';
import { type IsoDate, localDate, localTime } from '../calendar/iso-date.js';
import { isWorkingDay } from '../calendar/working-days.js';
import type { Config } from '../config/config.schema.js';
import type { ScheduledJob } from '../scheduler/scheduled-job.js';
import { runReminders } from './reminder.service.js';
import type { ReminderMessages } from './reminder-messages.js';
import { policyOf } from './reminder-policy.js';

/**
 * The daily reminder run, at REMINDER_TIME on working days in TIME_ZONE, for every organisation.
 * Safe to repeat: each person's card and each escalation is keyed by day (see reminder.service.ts).
 */
export function reminderJob(messages: ReminderMessages): ScheduledJob {
  return {
    name: 'reminders',
    cron: (app) => {
      const [hour, minute] = app.config.REMINDER_TIME.split(':').map(Number);
      return `${minute} ${hour} * * 1-5`;
    },
    catchUpOnStart: true,
    run: async (app, now) => {
      await runReminderDay(app, now, messages);
    },
  };
}

/** The local date reminders are due for at `now`; undefined on weekends, bank holidays and before REMINDER_TIME. */
export function reminderDay(now: Date, config: Config): IsoDate | undefined {
  const today = localDate(now, config.TIME_ZONE);
  if (!isWorkingDay(today) || localTime(now, config.TIME_ZONE) < config.REMINDER_TIME) return undefined;
  return today;
}

/** One run at `now` for every organisation (a start-up catch-up before the reminder time does nothing). */
export async function runReminderDay(app: AppContext, now: Date, messages: ReminderMessages) {
  const today = reminderDay(now, app.config);
  if (!today) return { reminded: 0, escalated: 0 };
  const orgs = await app.db.selectFrom('organisations').select('id').orderBy('id').execute();
  let reminded = 0;
  let escalated = 0;
  for (const { id } of orgs) {
    try {
      const run = await runReminders(app.db, id, {
        today,
        now,
        timeZone: app.config.TIME_ZONE,
        policy: policyOf(app.config),
        messages,
      });
      reminded += run.reminded;
      escalated += run.escalated;
    } catch (error) {
      // why: one organisation's bad data must not stop the others' reminders; the next run retries it.
      app.log.error({ orgId: id, err: error }, 'reminder run failed for an organisation');
    }
  }
  app.log.info({ today, reminded, escalated }, 'reminders queued');
  return { reminded, escalated };
}
