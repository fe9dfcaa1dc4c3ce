import cron from 'node-cron';
import type { AppContext } from '../app-context.js';
import type { ScheduledJob } from './scheduled-job.js';

export interface Scheduler {
  /** Runs the jobs that catch up on a missed run (call when this copy becomes leader). */
  catchUp(): void;
  /** Stops the schedules and waits for runs under way (the store closes after this). */
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
  const running = new Set<Promise<void>>();
  let stopped = false;
  const start = (job: ScheduledJob): Promise<void> | undefined => {
    if (stopped) return undefined;
    const run = runJob(job).finally(() => running.delete(run));
    running.add(run);
    return run;
  };
  const tasks = jobs.map((job) =>
    cron.schedule(job.cron(app), () => start(job), {
      timezone: app.config.TIME_ZONE,
      name: job.name,
      noOverlap: true,
    }),
  );
  return {
    catchUp: () => {
      for (const job of jobs.filter((j) => j.catchUpOnStart)) void start(job);
    },
    stop: async () => {
      stopped = true;
      for (const task of tasks) await task.stop();
      // why: a run cut off by the store closing under it logs errors and leaves its work for the next run.
      await Promise.all(running);
    },
  };
}
