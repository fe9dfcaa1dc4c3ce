import { longDate } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import type { DueStatus } from '../src/plan/due-status.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  ago,
  type CardElement,
  escapeText,
  facts,
  heading,
  ragColor,
  ragText,
  text,
} from './card-kit.js';

export interface ActionCardView {
  action: ActionView;
  due: DueStatus;
  /** Narrative of the latest update, if any (shown escaped). */
  latestNarrative?: string | null;
  /** Buttons the viewer may use (built by the caller from what they are allowed to do). */
  buttons?: CardElement[];
}

/** Status line: "Amber (at risk), 60%, 12 days ago". */
export function statusLine(action: ActionView, now: Date): string {
  if (action.state === 'complete') return 'Complete';
  if (action.state === 'withdrawn') return 'Withdrawn from the plan';
  if (!action.rag) return 'No update yet';
  const when = action.lastUpdateAt ? `, ${ago(action.lastUpdateAt, now)}` : '';
  return `${ragText(action.rag)}, ${action.percent ?? 0}%${when}`;
}

/** "30 Apr 2020 (April 2020)": the plan's own words too, when they say more than the date. */
function dueWords(action: ActionView): string {
  const date = longDate(action.dueDate);
  return action.dueText && action.dueText !== date ? `${date} (${escapeText(action.dueText)})` : date;
}

/** One action in full: what it is, who owns it, when it is due, how it is measured and where it stands. */
export function buildActionCard(view: ActionCardView, now: Date): AdaptiveCard {
  const { action, due } = view;
  const body: CardElement[] = [
    heading(`${action.ref} · ${escapeText(action.text)}`),
    text(`Objective ${action.objectiveNumber}: ${escapeText(action.objectiveText)}`, {
      isSubtle: true,
      spacing: 'None',
    }),
    facts([
      ['Priority area', escapeText(action.priorityArea)],
      ['Owners', escapeText(action.ownersText)],
      ['Due', `${dueWords(action)} · ${due.label}`],
      ['Status', statusLine(action, now)],
    ]),
  ];
  if (action.rag)
    body.push(text(ragText(action.rag), { color: ragColor(action.rag), weight: 'Bolder', spacing: 'Small' }));
  if (view.latestNarrative)
    body.push(text(`Latest: ${escapeText(view.latestNarrative)}`, { spacing: 'Small' }));
  if (action.measures.length) {
    body.push(text('Judged by', { weight: 'Bolder', spacing: 'Medium' }));
    for (const m of action.measures) {
      body.push(
        text(`• ${escapeText(m.text)}${m.isHealthCheck ? ' (CIS Health Check)' : ''}`, { spacing: 'None' }),
      );
    }
  }
  return adaptiveCard(body, view.buttons ?? []);
}
