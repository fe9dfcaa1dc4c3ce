import { localDate } from '../calendar/iso-date.js';
import { type CliCommand, parseArgs } from '../cli/cli-command.js';
import { describeImport } from '../plan/import-files.js';
import { loadSamplePlan } from '../plan/sample-plan.js';
import { shiftToDemoDates } from './demo-dates.js';

/** `sample load [--demo-dates]`: the sample council, optionally with its due dates in the coming weeks. */
export const sampleLoadCli: CliCommand = {
  name: 'sample load',
  usage: 'sample load [--demo-dates]',
  summary:
    'Load the sample plan, roles and roster; --demo-dates moves its due dates into the weeks after today.',
  async run(args, { app, orgId, out }) {
    const demo = parseArgs(args).options.has('demo-dates');
    const now = app.clock.now();
    const report = await loadSamplePlan(app.db, orgId, now, undefined, {
      demoDates: demo ? { timeZone: app.config.TIME_ZONE } : undefined,
    });
    out(
      `sample plan: ${describeImport(report).split('\n')[0]}${demo ? ' (due dates moved into the coming weeks)' : ''}`,
    );
    return 0;
  },
};

/** `demo dates`: moves the current plan's open due dates into the weeks after today (demos only). */
export const demoDatesCli: CliCommand = {
  name: 'demo dates',
  usage: 'demo dates',
  summary: 'Move every open action’s due date into the weeks after today, keeping their order (demos only).',
  async run(_args, { app, orgId, out }) {
    const now = app.clock.now();
    const moved = await shiftToDemoDates(app.db, orgId, localDate(now, app.config.TIME_ZONE), now);
    out(`${moved} due dates moved into the weeks after today`);
    return 0;
  },
};
