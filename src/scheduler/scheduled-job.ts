import type { AppContext } from '../app-context.js';

/**
 * A recurring job. Jobs must be idempotent (every message they cause goes through the outbox with an
 * idempotency key), so a run repeated after a restart or by a new leader sends nothing twice.
 */
export interface ScheduledJob {
  name: string;
  /** Cron expression in the plan's time zone (config TIME_ZONE), e.g. '30 9 * * 1-5'. */
  cron(app: AppContext): string;
  /** Also run once at start-up (when leader), to catch up on a run missed while the bot was down. */
  catchUpOnStart: boolean;
  run(app: AppContext, now: Date): Promise<void>;
}
