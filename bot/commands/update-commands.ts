import type { BotCommand } from './command.js';
import { delegateCommand } from './delegate.command.js';
import { doneCommand } from './done.command.js';
import { historyCommand } from './history.command.js';
import { remindersCommand } from './reminders.command.js';
import { snoozeCommand } from './snooze.command.js';
import { updateCommand } from './update.command.js';

/** The typed commands of the reminder and update loop (plain-text answering, wordsCommand, goes last). */
export const updateCommands: BotCommand[] = [
  remindersCommand,
  updateCommand,
  doneCommand,
  snoozeCommand,
  delegateCommand,
  historyCommand,
];
