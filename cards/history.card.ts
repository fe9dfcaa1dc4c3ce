import { localTime, longDate } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import type { HistoryEntry } from '../src/updates/action-history.js';
import type { DateRequest } from '../src/updates/date-request.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  firstLine,
  heading,
  ragText,
  text,
} from './card-kit.js';

export interface HistoryView {
  action: ActionView;
  updates: HistoryEntry[];
  total: number;
  dateRequests: DateRequest[];
  timeZone: string;
}

const KIND: Record<string, string> = {
  update: 'Update',
  on_track: 'On track',
  done: 'Done',
  help: 'Asked for help',
  reopen: 'Reopened',
};

/** Long notes are cut so ten of them fit Teams' 28 KB; the tab shows them in full. */
const clip = (value: string, max = 400) =>
  value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value;

function when(at: Date, timeZone: string): string {
  return `${longDate(at.toISOString().slice(0, 10))} ${localTime(at, timeZone)}`;
}

/** `history 3a`: the latest updates (who, when, RAG, %, what they said) and new-date requests. */
export function buildHistoryCard(view: HistoryView): AdaptiveCard {
  const { action } = view;
  const body: CardElement[] = [
    heading(`History of ${action.ref}`),
    text(escapeText(firstLine(action.text)), { spacing: 'None', isSubtle: true }),
  ];
  if (view.updates.length === 0) body.push(text('No updates yet.'));
  for (const u of view.updates) {
    const lines = [
      text(
        `**${KIND[u.kind] ?? escapeText(u.kind)}** · ${ragText(u.rag)}, ${u.percent}% · ${escapeText(u.who)} · ${when(u.at, view.timeZone)}`,
      ),
    ];
    if (u.narrative) lines.push(text(escapeText(clip(u.narrative)), { spacing: 'None' }));
    if (u.blockers)
      lines.push(text(`Blockers: ${escapeText(clip(u.blockers))}`, { spacing: 'None', isSubtle: true }));
    if (u.evidenceUrl)
      lines.push(text(`Evidence: ${escapeText(u.evidenceUrl)}`, { spacing: 'None', isSubtle: true }));
    body.push({ type: 'Container', separator: true, items: lines });
  }
  if (view.total > view.updates.length)
    body.push(
      text(`… and ${view.total - view.updates.length} earlier updates (see the Plan tab).`, {
        isSubtle: true,
      }),
    );
  if (view.dateRequests.length) {
    body.push(text('New-date requests', { weight: 'Bolder', spacing: 'Medium' }));
    for (const r of view.dateRequests) {
      body.push(
        text(
          `${longDate(r.currentDueDate)} → ${longDate(r.requestedDate)} · ${r.state} · asked by ${escapeText(r.requestedBy.name)}: ${escapeText(r.reason)}`,
          { spacing: 'Small' },
        ),
      );
    }
  }
  return adaptiveCard(body);
}
