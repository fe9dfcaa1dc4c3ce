import type { HeadlineCounts } from '../../src/digest/plan-figures.js';
import type { DashboardRow, TabDashboard } from '../../src/http/tab-api.types.js';
import { h, scrollRegion } from './dom.js';
import { dateTime, plural, ragText, shortDate, updateKind } from './format.js';

/** The Plan dashboard's pieces: headline tiles, count tables and lists, each a pure function of the data. */
const COLUMNS: [keyof HeadlineCounts, string][] = [
  ['total', 'Actions'],
  ['onTrack', 'On track'],
  ['atRisk', 'At risk'],
  ['offTrack', 'Off track'],
  ['noUpdateYet', 'No update yet'],
  ['complete', 'Complete'],
  ['overdue', 'Overdue'],
];

export function headline(c: HeadlineCounts): HTMLElement {
  const tile = (n: number, label: string, cls = '') =>
    h('li', { class: `tile ${cls}` }, h('strong', {}, n), h('span', {}, label));
  return h(
    'ul',
    { class: 'tiles', 'aria-label': 'Headline figures' },
    tile(c.total, 'actions'),
    tile(c.onTrack, 'on track', 'rag-green'),
    tile(c.atRisk, 'at risk', 'rag-amber'),
    tile(c.offTrack, 'off track', 'rag-red'),
    tile(c.complete, 'complete'),
    tile(c.overdue, 'overdue'),
    tile(c.stale, 'no update in 30 days'),
    tile(c.noUpdateYet, 'no update yet'),
  );
}

export function countsTable(first: string, rows: [string, HeadlineCounts][]): HTMLElement {
  return scrollRegion(
    `Figures by ${first.toLowerCase()}`,
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, first),
          ...COLUMNS.map(([, t]) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map(([name, c]) =>
          h('tr', {}, h('th', { scope: 'row' }, name), ...COLUMNS.map(([k]) => h('td', {}, c[k]))),
        ),
      ),
    ),
  );
}

/** Rows shown before "Show N more": the digest cuts its lists, the tab shows them whole on request. */
const FIRST_ROWS = 10;

export function rowsTable(rows: DashboardRow[], empty: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  const item = (r: DashboardRow) =>
    h(
      'li',
      {},
      h('strong', {}, r.ref),
      ` ${r.text.split('\n')[0]}`,
      h(
        'span',
        { class: 'muted block' },
        `${r.ownersText} · due ${shortDate(r.dueDate)}`,
        r.daysOverdue ? ` · ${plural(r.daysOverdue, 'working day')} overdue` : '',
        ` · ${ragText(r.rag)}${r.percent !== null ? `, ${r.percent}%` : ''}`,
      ),
    );
  const rest = rows.slice(FIRST_ROWS);
  return h(
    'div',
    {},
    h('ul', { class: 'rows' }, ...rows.slice(0, FIRST_ROWS).map(item)),
    rest.length
      ? h(
          'details',
          {},
          h('summary', {}, `Show ${rest.length} more`),
          h('ul', { class: 'rows' }, ...rest.map(item)),
        )
      : null,
  );
}

export function timeline(data: TabDashboard): HTMLElement {
  if (data.timeline.length === 0) return h('p', { class: 'muted' }, 'No updates yet.');
  return h(
    'ol',
    { class: 'timeline' },
    ...data.timeline.map((t) =>
      h(
        'li',
        {},
        h('time', { datetime: t.at }, dateTime(t.at)),
        ' ',
        h('strong', {}, t.ref),
        ` ${updateKind(t.kind)}: ${ragText(t.rag)}, ${t.percent}%${t.author ? ` · ${t.author}` : ''}`,
      ),
    ),
  );
}

export function responseRates(data: TabDashboard): HTMLElement {
  return h(
    'ul',
    {},
    ...(data.pulse?.rounds ?? []).map((r) =>
      h(
        'li',
        {},
        `${r.name} (closed ${shortDate(r.closedOn)}): `,
        r.responseRate === null ? 'not shown' : `${r.responseRate}% answered`,
      ),
    ),
  );
}

export function unreachable(data: TabDashboard): HTMLElement {
  if (data.unreachable.length === 0) return h('p', { class: 'muted' }, 'Everyone can be reached.');
  return h(
    'div',
    {},
    h('p', {}, `The bot cannot reach ${plural(data.unreachable.length, 'recipient')}:`),
    h('ul', {}, ...data.unreachable.map((u) => h('li', {}, `${u.name} (${u.kind}): ${u.why}`))),
  );
}
