import { exportPlanCli } from '../digest/export-plan.cli.js';
import { pulseCliCommands } from '../pulse/pulse.cli.js';
import { demoDatesCli, sampleLoadCli } from '../reminders/sample.cli.js';
import type { CliCommand } from './cli-command.js';
import { deliveryStatusCli } from './delivery-status.js';
import { planImportCli, rolesImportCli, rosterImportCli } from './import.cli.js';
import { purgeCli } from './purge.cli.js';

/** Every CLI subcommand. Register a new one with one line here. */
export const cliCommands: CliCommand[] = [
  planImportCli,
  rolesImportCli,
  rosterImportCli,
  purgeCli,
  deliveryStatusCli,
  exportPlanCli,
  ...pulseCliCommands,
  sampleLoadCli,
  demoDatesCli,
];
