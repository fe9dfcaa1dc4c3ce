import type { ScheduledJob } from '../scheduler/scheduled-job.js';
import { purgeBefore, retentionCutoff } from './purge.service.js';

/** Daily at 02:15: removes free text older than RETENTION_DAYS in every organisation (nothing when unset). */
export const retentionJob: ScheduledJob = {
  name: 'retention purge',
  cron: () => '15 2 * * *',
  catchUpOnStart: true,
  async run(app, now) {
    const before = retentionCutoff(app.config.RETENTION_DAYS, now, app.config.TIME_ZONE);
    if (!before) return;
    const organisations = await app.db.selectFrom('organisations').select('id').execute();
    for (const { id } of organisations) {
      const report = await purgeBefore(app.db, id, { before, dryRun: false, actor: 'retention job', now });
      const rows = report.steps.reduce((sum, step) => sum + step.rows, 0);
      if (rows > 0) app.log.info({ orgId: id, before, steps: report.steps }, 'retention purge');
    }
  },
};
