import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app-context.js';
import type { ScheduledJob } from '../../../src/scheduler/scheduled-job.js';
import { startScheduler } from '../../../src/scheduler/scheduler.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { testConfig } from '../../support/test-app.js';

const app = { config: testConfig(), clock: systemClock, log: createLogger('silent') } as AppContext;

/** A job whose runs end only when told to, counting how many started and finished. */
function slowJob() {
  const counts = { started: 0, finished: 0 };
  let release: () => void = () => undefined;
  const job: ScheduledJob = {
    name: 'slow',
    cron: () => '0 0 1 1 *',
    catchUpOnStart: true,
    run: async () => {
      counts.started += 1;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      counts.finished += 1;
    },
  };
  return { job, counts, release: () => release() };
}

describe('scheduler', () => {
  it('waits on stop for a run under way, and starts none after', async () => {
    const { job, counts, release } = slowJob();
    const scheduler = startScheduler(app, [job], () => true);
    scheduler.catchUp();
    expect(counts.started).toBe(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(counts.finished).toBe(1);
    scheduler.catchUp();
    expect(counts.started).toBe(1);
  });

  it('runs nothing when this copy is not the leader', async () => {
    const { job, counts } = slowJob();
    const scheduler = startScheduler(app, [job], () => false);
    scheduler.catchUp();
    await scheduler.stop();
    expect(counts.started).toBe(0);
  });
});
