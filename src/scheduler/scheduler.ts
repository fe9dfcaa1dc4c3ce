import cron from 'node-cron';
import type { AppContext } from '../app-context.js';
import type { ScheduledJob } from './scheduled-job.js';

export interface Scheduler {
  /** Runs the jobs that catch up on a missed run (call when this copy becomes leader). */
  catchUp(): void;
  stop(): Promise<void>;
}

/**
 * Runs each job on its cron schedule in the plan's time zone, but only while `isLeader()` says this copy of
 * the bot is the scheduler leader (other copies only deliver). A failing job is logged and runs again next time.
 */
export function startScheduler(app: AppContext, jobs: ScheduledJob[], isLeader: () => boolean): Scheduler {
  const runJob = async (job: ScheduledJob) => {
    if (!isLeader()) return;
    const started = Date.now();
    try {
      await job.run(app, app.clock.now());
      app.log.info({ job: job.name, ms: Date.now() - started }, 'job finished');
    } catch (error) {
      app.log.error({ err: error, job: job.name }, 'job failed');
    }
  };
  const tasks = jobs.map((job) =>
    cron.schedule(job.cron(app), () => runJob(job), {
      timezone: app.config.TIME_ZONE,
      name: job.name,
      noOverlap: true,
    }),
  );
  return {
    catchUp: () => {
      for (const job of jobs.filter((j) => j.catchUpOnStart)) void runJob(job);
    },
    stop: async () => {
      for (const task of tasks) await task.stop();
    },
  };
}
