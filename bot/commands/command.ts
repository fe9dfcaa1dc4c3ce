import type { BotTurn } from '../turn.js';

/** A typed command: one file each, registered in commands/index.ts. */
export interface BotCommand {
  /** As shown in help, e.g. "action <ref>". */
  usage: string;
  summary: string;
  /** Matched against the message text with the bot mention removed, trimmed. */
  pattern: RegExp;
  /** Shows someone's own actions or roster entry: answered only in the 1:1 chat, never where a channel reads it. */
  personalOnly?: boolean;
  run(turn: BotTurn, match: RegExpExecArray): Promise<void>;
}
