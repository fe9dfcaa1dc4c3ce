import { actionCommand } from './action.command.js';
import type { BotCommand } from './command.js';
import { digestCommands } from './digest.command.js';
import { helpCommand } from './help.command.js';
import { myActionsCommand } from './my-actions.command.js';
import { pulseCommands } from './pulse.command.js';
import { updateCommands } from './update-commands.js';
import { whoamiCommand } from './whoami.command.js';
import { wordsCommand } from './words.command.js';

/** Every typed command, in the order help lists them. Register a new command with one line here. */
export const commands: BotCommand[] = [];
commands.push(
  helpCommand(() => commands),
  myActionsCommand,
  actionCommand,
  whoamiCommand,
  ...digestCommands,
  ...pulseCommands,
  ...updateCommands,
  // why: plain-text answers match loosely (a ref or a status word), so every command must be tried first.
  wordsCommand,
);

/** The command whose pattern matches the text, with its match. */
export function matchCommand(text: string): { command: BotCommand; match: RegExpExecArray } | undefined {
  for (const command of commands) {
    const match = command.pattern.exec(text);
    if (match) return { command, match };
  }
  return undefined;
}
