import { linkConversationsToPeople } from '../conversations/conversation.repository.js';
import { describeImport, importPlan, importRoles, importRoster, readSource } from '../plan/import-files.js';
import { sampleStatementMeasures } from '../plan/sample-plan.js';
import { type CliCommand, parseArgs, UsageError } from './cli-command.js';

function fileArg(args: string[], usage: string): string {
  const file = parseArgs(args).positional[0];
  if (!file) throw new UsageError(`usage: ${usage}`);
  return file;
}

export const planImportCli: CliCommand = {
  name: 'plan import',
  usage: 'plan import <plan.csv|plan.xlsx>',
  summary: 'Import or re-import the plan; prints what changed. All or nothing.',
  async run(args, { app, orgId, out }) {
    const source = await readSource(fileArg(args, this.usage));
    // why: the Health Check statements (seeded from the same file) say which plan measures they feed; without
    // them every action the import rewrites lost its measures' links, and pulse results their plan measures.
    const statements = sampleStatementMeasures();
    const report = await importPlan(
      app.db,
      orgId,
      source,
      { actor: 'cli import', statements },
      app.clock.now(),
    );
    out(`${source.name}: ${describeImport(report)}`);
    return 0;
  },
};

export const rolesImportCli: CliCommand = {
  name: 'roles import',
  usage: 'roles import <roles.csv>',
  summary: 'Replace the role list (Code, Role, Aliases).',
  async run(args, { app, orgId, out }) {
    const source = await readSource(fileArg(args, this.usage));
    out(`${source.name}: ${await importRoles(app.db, orgId, source)} roles`);
    return 0;
  },
};

export const rosterImportCli: CliCommand = {
  name: 'roster import',
  usage: 'roster import <roster.csv>',
  summary: 'Bring people, roles held, social workers, delegates and access in line with the roster.',
  async run(args, { app, orgId, out }) {
    const source = await readSource(fileArg(args, this.usage));
    const report = await importRoster(app.db, orgId, source);
    await linkConversationsToPeople(app.db, orgId);
    out(
      `${source.name}: ${report.added} added, ${report.updated} updated, ${report.deactivated} no longer on the roster`,
    );
    return 0;
  },
};
