import type { DateRequestView } from '../src/updates/date-request.js';
import { decisionLine } from './approval.card.js';
import { type AdaptiveCard, adaptiveCard, escapeText, firstLine, heading, text } from './card-kit.js';

/** What the owner hears: the new date for an action was approved or declined, and by whom. */
export function buildDateOutcomeCard(view: DateRequestView, timeZone: string): AdaptiveCard {
  const verdict = view.request.state === 'approved' ? 'approved' : 'declined';
  return adaptiveCard([
    heading(`New date for ${view.action.ref} ${verdict}`),
    text(escapeText(firstLine(view.action.text)), { spacing: 'None', isSubtle: true }),
    text(decisionLine(view, timeZone)),
  ]);
}
