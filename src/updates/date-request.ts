import { z } from 'zod';
import { type IsoDate, isIsoDate } from '../calendar/iso-date.js';
import type { ActionView } from '../plan/action-view.js';
import type { DateRequestState } from './updates.table.js';

export const MAX_REASON = 1_000;

/** A new-date request as a card or the tab sends it. */
export const dateRequestInputSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist. Type `my actions` to start again.'),
  newDate: z
    .string('Choose the new due date.')
    .trim()
    .refine(isIsoDate, 'The new date must be a date such as 2026-12-18.'),
  reason: z
    .string('Say why the date needs to move.')
    .trim()
    .min(1, 'Say why the date needs to move.')
    .max(MAX_REASON, `The reason must be at most ${MAX_REASON.toLocaleString('en-GB')} characters.`),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type DateRequestInput = z.infer<typeof dateRequestInputSchema>;

export const dateDecisionInputSchema = z.object({
  requestId: z.uuid('This approval card is out of date.'),
  decision: z.enum(['approve', 'decline']),
  reason: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(MAX_REASON, `The reason must be at most ${MAX_REASON} characters.`).optional(),
  ),
});
export type DateDecisionInput = z.infer<typeof dateDecisionInputSchema>;

export interface DateRequest {
  id: string;
  actionId: string;
  requestedBy: { id: string; name: string };
  currentDueDate: IsoDate;
  requestedDate: IsoDate;
  reason: string;
  state: DateRequestState;
  decidedBy: { id: string; name: string } | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** What an approval card (to a lead) or an outcome notice (to the owner) shows. */
export interface DateRequestView {
  request: DateRequest;
  action: ActionView;
  /** Entra object ids of the programme leads, whose copies of a pending approval card refresh when viewed. */
  refreshFor?: string[];
}

/** Renders the messages the date-request service puts in the outbox (cards live outside src/). */
export interface DateRequestMessages {
  /** The approval card a programme lead receives. */
  approval(view: DateRequestView): Record<string, unknown>;
  /** The owner's notice of the decision. */
  outcome(view: DateRequestView): Record<string, unknown>;
}
