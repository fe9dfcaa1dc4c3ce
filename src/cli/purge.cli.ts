import { PurgeInputError, purgeBefore } from '../retention/purge.service.js';
import { type CliCommand, parseArgs, UsageError } from './cli-command.js';

export const purgeCli: CliCommand = {
  name: 'purge',
  usage: 'purge --before <YYYY-MM-DD> [--dry-run]',
  summary:
    'Retention: remove free text (update notes, reasons, pulse comments) written before a date (audited).',
  async run(args, { app, orgId, out }) {
    const { options } = parseArgs(args);
    const before = options.get('before');
    if (typeof before !== 'string') throw new UsageError(`usage: ${this.usage}`);
    const dryRun = options.has('dry-run');
    const report = await purgeBefore(app.db, orgId, {
      before,
      dryRun,
      actor: 'cli',
      now: app.clock.now(),
    }).catch((error: unknown) => {
      throw error instanceof PurgeInputError ? new UsageError(error.message) : error;
    });
    out(
      dryRun
        ? `Dry run, nothing changed. Text written before ${before} (UTC) in ${orgId}:`
        : `Removed text written before ${before} (UTC) in ${orgId} (recorded in the audit log):`,
    );
    for (const step of report.steps)
      out(`  ${step.name}: ${step.rows} ${dryRun ? 'rows hold text' : 'rows changed'}`);
    return 0;
  },
};
