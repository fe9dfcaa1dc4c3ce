import type { Rag } from '../db/schema.js';
import { normaliseRef } from '../plan/action.repository.js';

/** What a plain-text answer to a reminder says, before it is matched to an action. */
export interface ParsedWords {
  /** Action refs named in the text ("3a", "10e"), lower case, in order, without repeats. */
  refs: string[];
  /** Status the words state, if any ("at risk" → amber); done implies green. */
  rag?: Rag;
  /** A percentage in the words ("about 60%"). */
  percent?: number;
  /** The words say the action is finished ("done", "complete", "delivered"). */
  done: boolean;
  /** The text as typed, used as the update's narrative. */
  narrative: string;
}

const REF = /(?<![\w.])(\d{1,2}[a-z])(?![\w])/gi;
const NOT = String.raw`(?<!\bnot\s)(?<!\bnot\syet\s)(?<!\bn't\s)`;
const DONE = new RegExp(`${NOT}\\b(done|complete|completed|finished|delivered)\\b`, 'i');
const RED = new RegExp(`${NOT}\\b(blocked|off[ -]track|stuck|red)\\b`, 'i');
const AMBER = new RegExp(`${NOT}\\b(at risk|behind|delayed|slipping|amber)\\b`, 'i');
const GREEN = new RegExp(`${NOT}\\b(on[ -]track|green)\\b`, 'i');
const PERCENT = /\b(\d{1,3})\s?%/;

/** Reads a free-text status answer such as "3a on track, comms plan signed off by the DCS". */
export function parseWords(text: string): ParsedWords {
  const narrative = text.trim();
  const refs = [...new Set([...narrative.matchAll(REF)].map((m) => normaliseRef(m[1] ?? '')))];
  const done = DONE.test(narrative);
  const rag: Rag | undefined = done
    ? 'green'
    : RED.test(narrative)
      ? 'red'
      : AMBER.test(narrative)
        ? 'amber'
        : GREEN.test(narrative)
          ? 'green'
          : undefined;
  const pct = PERCENT.exec(narrative);
  const percent = done ? 100 : pct && Number(pct[1]) <= 100 ? Number(pct[1]) : undefined;
  return { refs, done, narrative, ...(rag ? { rag } : {}), ...(percent !== undefined ? { percent } : {}) };
}

/**
 * Finds what makes a message read as a status answer rather than a command: an action ref, a status word
 * or a percentage. The bot routes messages it matches (and no command does) to plain-text answering.
 */
export const STATUS_ANSWER_PATTERN =
  /(?<![\w.])\d{1,2}[a-z](?!\w)|\b(on[ -]track|done|complete|completed|finished|delivered|blocked|off[ -]track|stuck|at risk|behind|delayed|slipping|red|amber|green)\b|\b\d{1,3}\s?%/i;

export function looksLikeStatusAnswer(text: string): boolean {
  return STATUS_ANSWER_PATTERN.test(text);
}
