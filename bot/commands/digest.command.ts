import type { BotCommand } from './command.js';
import { digestHereCommand } from './digest-here.command.js';
import { digestNowCommand } from './digest-now.command.js';
import { digestPreviewCommand } from './digest-preview.command.js';
import { digestStopCommand } from './digest-stop.command.js';

/** The digest commands, registered together in commands/index.ts. */
export const digestCommands: BotCommand[] = [
  digestHereCommand,
  digestStopCommand,
  digestPreviewCommand,
  digestNowCommand,
];
