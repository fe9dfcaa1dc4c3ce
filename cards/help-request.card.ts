import { longDate } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import { statusLine } from './action.card.js';
import { type AdaptiveCard, adaptiveCard, escapeText, facts, firstLine, heading, text } from './card-kit.js';

export interface HelpRequestView {
  action: ActionView;
  askedBy: string;
  help: string;
}

/** To programme leads: an owner tapped *Need help* on an action, and said what help they need. */
export function buildHelpRequestCard(view: HelpRequestView, now: Date): AdaptiveCard {
  const { action } = view;
  return adaptiveCard([
    heading(`Help asked for ${action.ref}`),
    text(escapeText(firstLine(action.text)), { spacing: 'None' }),
    facts([
      ['Asked by', escapeText(view.askedBy)],
      ['Due', longDate(action.dueDate)],
      ['Status', statusLine(action, now)],
    ]),
    text(`Help needed: ${escapeText(view.help)}`, { weight: 'Bolder' }),
    text(`Type \`history ${action.ref}\` to see its updates.`, { isSubtle: true }),
  ]);
}
