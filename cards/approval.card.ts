import { z } from 'zod';
import { localTime, longDate } from '../src/calendar/iso-date.js';
import type { DateRequestView } from '../src/updates/date-request.js';
import { statusLine } from './action.card.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  facts,
  firstLine,
  heading,
  text,
} from './card-kit.js';
import { button, refreshFor } from './update-buttons.js';

export const APPROVE_DATE_VERB = 'date.approve';
export const DECLINE_DATE_VERB = 'date.decline';
/** The refresh of an approval card: its current state, for a lead viewing it. */
export const VIEW_DATE_VERB = 'date.view';

export const dateDecisionDataSchema = z.object({
  requestId: z.uuid('This approval card is out of date.'),
  reason: z.string().optional(),
});

/** "Approved by DCIS at 10:02" / "Declined by DCIS at 10:02: not before the board". */
export function decisionLine(view: DateRequestView, timeZone: string): string {
  const { request } = view;
  const when = request.decidedAt
    ? ` at ${localTime(request.decidedAt, timeZone)} on ${longDate(request.decidedAt.toISOString().slice(0, 10))}`
    : '';
  const who = escapeText(request.decidedBy?.name ?? 'a programme lead');
  if (request.state === 'approved')
    return `Approved by ${who}${when}: ${view.action.ref} is now due ${longDate(request.requestedDate)}.`;
  const why = request.decisionReason ? `: ${escapeText(request.decisionReason)}` : '';
  return `Declined by ${who}${when}${why}. ${view.action.ref} stays due ${longDate(request.currentDueDate)}.`;
}

/**
 * The programme lead's card: who asks to move which action from when to when, and why; *Approve* or
 * *Decline* (with a reason). Once decided it shows the decision, read-only.
 */
export function buildApprovalCard(
  view: DateRequestView,
  now: Date,
  timeZone: string,
  problem?: string,
): AdaptiveCard {
  const { request, action } = view;
  const body: CardElement[] = [
    heading(`New date requested: ${action.ref}`),
    text(escapeText(firstLine(action.text)), { spacing: 'None' }),
    facts([
      ['Asked by', escapeText(request.requestedBy.name)],
      ['Due now', longDate(request.currentDueDate)],
      ['New date', longDate(request.requestedDate)],
      ['Status', statusLine(action, now)],
    ]),
    text(`Why: ${escapeText(request.reason)}`),
  ];
  if (request.state !== 'pending') {
    body.push(
      text(decisionLine(view, timeZone), {
        weight: 'Bolder',
        color: request.state === 'approved' ? 'Good' : 'Attention',
      }),
    );
    return adaptiveCard(body);
  }
  if (problem) body.push(text(escapeText(problem), { color: 'Attention', weight: 'Bolder' }));
  body.push({
    type: 'Input.Text',
    id: 'reason',
    label: 'Reason (needed to decline)',
    isMultiline: true,
    maxLength: 1000,
  });
  const data = { requestId: request.id };
  return {
    ...adaptiveCard(body, [
      button('Approve', APPROVE_DATE_VERB, data, { style: 'positive' }),
      button('Decline', DECLINE_DATE_VERB, data, { style: 'destructive' }),
    ]),
    ...refreshFor(VIEW_DATE_VERB, data, view.refreshFor ?? []),
  };
}
