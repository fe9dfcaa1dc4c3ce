import type { AppContext } from '../app-context.js';

export interface CliContext {
  app: AppContext;
  /** The organisation the command acts on: DEFAULT_TENANT_ID or the first allowed tenant. */
  orgId: string;
  out(line: string): void;
}

/** One `npm run cli -- <name> …` subcommand: one file each, registered in cli/commands.ts. */
export interface CliCommand {
  /** Words that select it, e.g. "plan import". */
  name: string;
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** `--name value` options and positional arguments. */
export function parseArgs(args: string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      options.set(arg.slice(2), next);
      i++;
    } else options.set(arg.slice(2), true);
  }
  return { positional, options };
}

/** Wrong words on the command line: the message is the usage line. */
export class UsageError extends Error {
  override name = 'UsageError';
}
