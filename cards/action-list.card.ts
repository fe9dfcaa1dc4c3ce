import { longDate } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import type { DueStatus } from '../src/plan/due-status.js';
import { statusLine } from './action.card.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  firstLine,
  heading,
  text,
} from './card-kit.js';

export interface ActionListItem {
  action: ActionView;
  due: DueStatus;
}

export interface ActionListView {
  title: string;
  items: ActionListItem[];
  /** Shown when there are no items. */
  emptyText: string;
  /** Link to the full list (the My actions tab), when known. */
  moreUrl?: string;
}

/** Cards must stay readable on a phone and under Teams' size limit: longer lists end with "and N more". */
export const MAX_LISTED = 15;

export function buildActionListCard(view: ActionListView, now: Date): AdaptiveCard {
  const body: CardElement[] = [heading(view.title)];
  if (view.items.length === 0) body.push(text(view.emptyText));
  for (const { action, due } of view.items.slice(0, MAX_LISTED)) {
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        text(`**${action.ref}** · ${escapeText(firstLine(action.text))}`),
        text(`Due ${longDate(action.dueDate)} · ${due.label}`, {
          spacing: 'None',
          color: due.kind === 'overdue' ? 'Attention' : 'Default',
        }),
        text(statusLine(action, now), { isSubtle: true, spacing: 'None' }),
      ],
    });
  }
  const hidden = view.items.length - MAX_LISTED;
  if (hidden > 0)
    body.push(
      text(`… and ${hidden} more. Type \`action ‹ref›\` for one action, or open the My actions tab.`),
    );
  else if (view.items.length)
    body.push(text('Type `action ‹ref›` (for example `action 3a`) to see one in full.', { isSubtle: true }));
  const actions = view.moreUrl
    ? [{ type: 'Action.OpenUrl', title: 'Open My actions', url: view.moreUrl }]
    : [];
  return adaptiveCard(body, actions);
}
