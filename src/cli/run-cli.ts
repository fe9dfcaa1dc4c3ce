import { ImportError } from '../plan/import-error.js';
import { type CliCommand, type CliContext, UsageError } from './cli-command.js';

/** Picks the subcommand whose words start the arguments (longest first) and runs it; errors become messages. */
export async function runCli(commands: CliCommand[], argv: string[], ctx: CliContext): Promise<number> {
  const words = argv.join(' ');
  const command = [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => words === c.name || words.startsWith(`${c.name} `));
  if (!command) {
    ctx.out(argv.length ? `Unknown command: ${argv.join(' ')}` : 'practice-pulse command line');
    ctx.out('Commands:');
    for (const c of commands) ctx.out(`  ${c.usage.padEnd(48)} ${c.summary}`);
    return argv.length ? 2 : 0;
  }
  try {
    return await command.run(argv.slice(command.name.split(' ').length), ctx);
  } catch (error) {
    if (error instanceof ImportError || error instanceof UsageError) {
      ctx.out(error.message);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}
