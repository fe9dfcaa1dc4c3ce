import { localTime } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import type { StatusUpdateRow } from '../src/updates/status-update.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  facts,
  heading,
  ragText,
  text,
} from './card-kit.js';

export interface UpdateRecordedView {
  action: Pick<ActionView, 'ref'>;
  update: Pick<
    StatusUpdateRow,
    'kind' | 'rag' | 'percent' | 'narrative' | 'evidence_url' | 'blockers' | 'created_at'
  >;
  /** Percent before this update (null: the action had none). */
  beforePercent: number | null;
  timeZone: string;
  /** The same submit arrived again: say it was recorded once, earlier. */
  duplicate?: boolean;
}

/** "7c recorded as on track (unchanged 60%) at 09:31" and its kin, for the summary and the reminder card. */
export function recordedLine(view: UpdateRecordedView): string {
  const { action, update } = view;
  const at = localTime(update.created_at, view.timeZone);
  const pct =
    view.beforePercent === update.percent
      ? `unchanged ${update.percent}%`
      : `${update.percent}%${view.beforePercent === null ? '' : `, was ${view.beforePercent}%`}`;
  switch (update.kind) {
    case 'on_track':
      return `${action.ref} recorded as on track (${pct}) at ${at}`;
    case 'done':
      return `${action.ref} recorded as done (complete) at ${at}`;
    case 'help':
      return `${action.ref}: your request for help went to the programme leads at ${at}`;
    default:
      return `${action.ref} recorded: ${ragText(update.rag)}, ${pct} at ${at}`;
  }
}

/** What the update said, escaped, as fact rows. */
export function recordedFacts(update: UpdateRecordedView['update']): [string, string][] {
  const rows: [string, string][] = [];
  if (update.narrative)
    rows.push([update.kind === 'done' ? 'Delivered' : 'What happened', escapeText(update.narrative)]);
  if (update.evidence_url) rows.push(['Evidence', escapeText(update.evidence_url)]);
  if (update.blockers)
    rows.push([update.kind === 'help' ? 'Help needed' : 'Blockers', escapeText(update.blockers)]);
  return rows;
}

/** The read-only summary that replaces a card after a submit: nothing on it can be submitted again. */
export function buildUpdateRecordedCard(view: UpdateRecordedView): AdaptiveCard {
  const rows = recordedFacts(view.update);
  const body: CardElement[] = [heading(`✓ ${recordedLine(view)}`)];
  if (rows.length) body.push(facts(rows));
  if (view.duplicate) body.push(text('This was already recorded; it was recorded once.', { isSubtle: true }));
  body.push(
    text(`Type \`history ${view.action.ref}\` to see every update.`, { isSubtle: true, size: 'Small' }),
  );
  return adaptiveCard(body);
}
