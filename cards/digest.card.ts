import type { DigestPulse, DigestView } from '../src/digest/digest-view.js';
import type { ActionFigure, HeadlineCounts } from '../src/digest/plan-figures.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  facts,
  firstLine,
  openUrl,
  ragText,
  text,
} from './card-kit.js';

/** Longest list shown in the card; the rest are counted ("and 12 more") and listed in the tab and export. */
export const DIGEST_LIST_LIMIT = 6;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const day = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`))
    .replace(',', '');
const dayWithYear = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

function section(title: string, body: CardElement[]): CardElement {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [text(title, { weight: 'Bolder', size: 'Medium', style: 'heading' }), ...body],
  };
}

/** A list cut at the limit, ending with "and N more" when longer. */
function capped<T>(
  items: T[],
  line: (item: T) => string,
  empty: string,
  limit = DIGEST_LIST_LIMIT,
): CardElement[] {
  if (items.length === 0) return [text(empty, { isSubtle: true, spacing: 'Small' })];
  const shown = items.slice(0, limit).map((item) => text(line(item), { spacing: 'Small' }));
  const more = items.length - limit;
  if (more > 0)
    shown.push(
      text(`…and ${more} more (full list in the dashboard and the export)`, {
        isSubtle: true,
        spacing: 'Small',
      }),
    );
  return shown;
}

const actionLabel = (a: ActionFigure) => `**${escapeText(a.ref)}** ${escapeText(firstLine(a.text, 70))}`;
const owners = (a: ActionFigure) => escapeText(a.ownersText || a.ownerRoles.join(', ') || 'no owner');

function headlineFacts(c: HeadlineCounts): CardElement {
  return facts([
    ['On track (green)', String(c.onTrack)],
    ['At risk (amber)', String(c.atRisk)],
    ['Off track (red)', String(c.offTrack)],
    ['No update yet', String(c.noUpdateYet)],
    ['Complete', String(c.complete)],
    ['Overdue', String(c.overdue)],
    ['No update in 30 days', String(c.stale)],
  ]);
}

function areaLine(name: string, c: HeadlineCounts): string {
  const parts = [
    `${c.onTrack} green`,
    `${c.atRisk} amber`,
    `${c.offTrack} red`,
    ...(c.noUpdateYet ? [`${c.noUpdateYet} no update`] : []),
    `${c.complete} complete`,
    ...(c.overdue ? [`**${c.overdue} overdue**`] : []),
  ];
  return `**${escapeText(name)}** (${c.total}): ${parts.join(' · ')}`;
}

function changeLines(view: DigestView): CardElement[] {
  const ch = view.changes;
  const lines = [
    text(
      `${plural(ch.updates, 'update')} on ${plural(ch.actionsUpdated, 'action')}; ${ch.completed.length} completed.`,
    ),
    ...capped(ch.completed, (a) => `Completed: ${actionLabel(a)}`, 'Nothing completed this week.', 3),
  ];
  if (ch.escalations.length) {
    lines.push(
      text(`Escalated to the programme leads (${ch.escalations.length}):`, {
        weight: 'Bolder',
        spacing: 'Small',
      }),
      ...capped(
        ch.escalations,
        (e) =>
          `${actionLabel(e.action)} — ${escapeText(e.ownerRoles.join(', ') || owners(e.action))} · ${plural(e.workingDaysOverdue, 'working day')} overdue`,
        '',
        4,
      ),
    );
  }
  if (ch.newDates.length) {
    lines.push(
      ...capped(
        ch.newDates,
        (d) => `New date for ${actionLabel(d.action)}: ${dayWithYear(d.from)} → ${dayWithYear(d.to)}`,
        '',
        4,
      ),
    );
  }
  // why: a completed action is listed above; its last RAG adds nothing there.
  const completed = new Set(ch.completed.map((a) => a.id));
  const ragChanges = ch.ragChanges.filter((c) => !completed.has(c.action.id));
  if (ragChanges.length) {
    lines.push(
      text(`Status changed (${ragChanges.length}):`, { weight: 'Bolder', spacing: 'Small' }),
      ...capped(ragChanges, (c) => `${actionLabel(c.action)}: ${ragText(c.from)} → ${ragText(c.to)}`, '', 4),
    );
  }
  return lines;
}

function pulseLines(pulse: DigestPulse | null, minGroup: number): CardElement[] {
  if (!pulse) return [text('No Health Check round has closed yet.', { isSubtle: true })];
  const since = pulse.previousRoundName ? ` since ${escapeText(pulse.previousRoundName)}` : '';
  const rate = pulse.responseRate === null ? '' : `, ${pulse.responseRate}% response`;
  return [
    text(`${escapeText(pulse.roundName)}${rate}`, { isSubtle: true, spacing: 'Small' }),
    ...capped(
      pulse.statements,
      (s) => {
        if (s.percent === null) return `${escapeText(s.text)}: not shown (fewer than ${minGroup} answered)`;
        const change =
          s.change === null
            ? ''
            : s.change === 0
              ? ` (no change${since})`
              : ` (${s.change > 0 ? '+' : ''}${s.change}${since})`;
        return `${escapeText(s.text)} **${s.percent}%**${change}`;
      },
      'No statements.',
      10,
    ),
  ];
}

/** The weekly digest for a leadership channel: read on a phone, under 28 KB for a plan of 500 actions. */
export function buildDigestCard(view: DigestView, minGroup: number): AdaptiveCard {
  const h = view.headline;
  const scope = view.areaFilter.length ? ` · ${view.areaFilter.map(escapeText).join(', ')}` : '';
  const body: CardElement[] = [
    text(`Weekly digest: ${escapeText(view.planName)}`, {
      size: 'Large',
      weight: 'Bolder',
      style: 'heading',
    }),
    text(`${day(view.today)}${scope}`, { isSubtle: true, spacing: 'None' }),
    text(
      h.total === 0
        ? 'The plan has no actions yet.'
        : `**${plural(h.total, 'action')}**: ${h.onTrack} on track, ${h.atRisk} at risk, ${h.offTrack} off track, ${h.complete} complete; ${h.overdue} overdue; ${h.stale} with no update in 30 days.`,
    ),
    headlineFacts(h),
    section(
      'By priority area',
      capped(view.areas, (a) => areaLine(a.name, a.counts), 'No priority areas.', 12),
    ),
    section(
      `Overdue (${view.overdue.length})`,
      capped(
        view.overdue,
        (a) => `${actionLabel(a)} — ${owners(a)} · ${plural(a.daysOverdue ?? 0, 'working day')} overdue`,
        'Nothing overdue.',
      ),
    ),
    section(
      `Due in the next 14 days (${view.dueSoon.length})`,
      capped(
        view.dueSoon,
        (a) => `${actionLabel(a)} — ${owners(a)} · due ${day(a.dueDate)}`,
        'Nothing due in the next 14 days.',
      ),
    ),
    section(`Since ${day(view.changes.since)}`, changeLines(view)),
    section(
      `Cannot be reached (${view.unreachable.length})`,
      capped(view.unreachable, (u) => `${escapeText(u.name)} (${u.why})`, 'Everyone can be reached.'),
    ),
    section('Health Check', pulseLines(view.pulse, minGroup)),
  ];
  const actions = view.dashboardUrl ? [openUrl('Open the plan dashboard', view.dashboardUrl)] : [];
  return adaptiveCard(body, actions);
}
