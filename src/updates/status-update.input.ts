import { z } from 'zod';

export const RAGS = ['red', 'amber', 'green'] as const;
export const MAX_NARRATIVE = 2_000;
export const MAX_BLOCKERS = 1_000;
export const MAX_EVIDENCE_URL = 500;

/** Turns '' (an empty card input) into undefined, so optional fields may be left blank. */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An evidence link people can open: http or https only (no `javascript:`, `file:` or `data:`). */
export const evidenceUrlSchema = z
  .string()
  .trim()
  .max(MAX_EVIDENCE_URL, `The evidence link must be at most ${MAX_EVIDENCE_URL} characters.`)
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'The evidence link must be a web address starting with https:// (or http://).');

/** A status update as any client sends it (bot card, tab form); checked again on the server by the service. */
export const statusUpdateInputSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist. Type `my actions` to start again.'),
  rag: z.enum(RAGS, 'Choose a status: red (off track), amber (at risk) or green (on track).'),
  percent: z
    .number('Percent complete must be a number from 0 to 100.')
    .int('Percent complete must be a whole number from 0 to 100.')
    .min(0, 'Percent complete must be from 0 to 100.')
    .max(100, 'Percent complete must be from 0 to 100.'),
  narrative: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(
        MAX_NARRATIVE,
        `"What has happened" must be at most ${MAX_NARRATIVE.toLocaleString('en-GB')} characters.`,
      )
      .optional(),
  ),
  evidenceUrl: z.preprocess(blank, evidenceUrlSchema.optional()),
  blockers: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(MAX_BLOCKERS, `Blockers must be at most ${MAX_BLOCKERS.toLocaleString('en-GB')} characters.`)
      .optional(),
  ),
  /** Sent again with the same key (double tap, redelivery), the update is recorded once. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});

export type StatusUpdateInput = z.infer<typeof statusUpdateInputSchema>;

/** The first problem of a failed parse, as one sentence for the person. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The update could not be read.';
}
