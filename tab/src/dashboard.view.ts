import type { HeadlineCounts } from '../../src/digest/plan-figures.js';
import type { DashboardRow, DashboardStatus, TabDashboard } from '../../src/http/tab-api.types.js';
import type { Api } from './api.js';
import { type Child, h, render } from './dom.js';
import { dateTime, plural, ragText, shortDate, updateKind } from './format.js';
import { pulseChart } from './pulse-chart.js';

const STATUSES: [DashboardStatus, string][] = [
  ['onTrack', 'On track'],
  ['atRisk', 'At risk'],
  ['offTrack', 'Off track'],
  ['noUpdateYet', 'No update yet'],
  ['complete', 'Complete'],
  ['overdue', 'Overdue'],
];
const COLUMNS: [keyof HeadlineCounts, string][] = [
  ['total', 'Actions'],
  ['onTrack', 'On track'],
  ['atRisk', 'At risk'],
  ['offTrack', 'Off track'],
  ['noUpdateYet', 'No update yet'],
  ['complete', 'Complete'],
  ['overdue', 'Overdue'],
];

/** The configurable tab: the plan at a glance for leaders, with the digest's figures and its full lists. */
export async function showDashboard(root: HTMLElement, api: Api, query: URLSearchParams): Promise<void> {
  const params = new URLSearchParams();
  for (const key of ['area', 'role', 'status'])
    for (const value of query.getAll(key)) if (value) params.append(key, value);
  const data = await api.get<TabDashboard>(`/api/tab/plan?${params}`);
  const reload = (next: URLSearchParams, focusId: string) =>
    showDashboard(root, api, next).then(() => document.getElementById(focusId)?.focus());
  render(
    root,
    h('h1', {}, 'Plan dashboard'),
    h('p', { class: 'muted' }, `${data.planName} · figures as of ${shortDate(data.today)}`),
    filters(data, params, reload),
    data.canExport ? exportButton(api, params) : null,
    headline(data.headline),
    section(
      'By priority area',
      countsTable(
        'Priority area',
        data.areas.map((a) => [a.name, a.counts]),
      ),
    ),
    section(
      'CIS Health Check',
      data.pulse ? pulseChart(data.pulse) : h('p', { class: 'muted' }, 'No Health Check results yet.'),
    ),
    data.pulse ? section('Response rates', responseRates(data)) : null,
    section(`Overdue (${data.overdue.length})`, rowsTable(data.overdue, 'No overdue actions.')),
    section(
      `Due in the next 14 days (${data.dueSoon.length})`,
      rowsTable(data.dueSoon, 'Nothing due in the next 14 days.'),
    ),
    section(
      'By objective',
      countsTable(
        'Objective',
        data.objectives.map((o) => [`${o.number}. ${o.text}`, o.counts]),
      ),
    ),
    section('Latest updates', timeline(data)),
    section('Delivery problems', unreachable(data)),
  );
}

function section(title: string, ...body: Child[]): HTMLElement {
  return h('section', { 'aria-label': title }, h('h2', {}, title), ...body);
}

const SEVERAL = 'several-areas';

function filters(
  data: TabDashboard,
  params: URLSearchParams,
  reload: (next: URLSearchParams, focusId: string) => void,
): HTMLElement {
  const select = (name: string, label: string, options: [string, string][], selected: string | null) => {
    const id = `filter-${name}`;
    const control = h(
      'select',
      { id, name },
      h('option', { value: '' }, 'All'),
      ...options.map(([value, text]) => h('option', { value, selected: value === selected }, text)),
    );
    control.addEventListener('change', () => {
      if (control.value === SEVERAL) return;
      const next = new URLSearchParams(params);
      if (control.value) next.set(name, control.value);
      else next.delete(name);
      reload(next, id);
    });
    return h('div', { class: 'field' }, h('label', { for: id }, label), control);
  };
  const { selected } = data.filters;
  return h(
    'form',
    { class: 'filters', 'aria-label': 'Filters', onsubmit: (e: Event) => e.preventDefault() },
    select(
      'area',
      'Priority area',
      [
        // why: a digest limited to several areas links here with all of them; show them as one choice.
        ...(selected.areas.length > 1 ? [[SEVERAL, selected.areas.join(', ')] as [string, string]] : []),
        ...data.filters.areas.map((a): [string, string] => [a, a]),
      ],
      selected.areas.length > 1 ? SEVERAL : (selected.areas[0] ?? null),
    ),
    select(
      'role',
      'Owner role',
      data.filters.roles.map((r) => [r.code, r.title]),
      selected.role,
    ),
    select('status', 'Status', STATUSES, selected.status),
  );
}

function exportButton(api: Api, params: URLSearchParams): HTMLElement {
  const path = `/api/tab/export?${new URLSearchParams([['format', 'xlsx'], ...params.getAll('area').map((a) => ['area', a])])}`;
  const status = h('span', { role: 'status', class: 'muted' });
  const button = h('button', { type: 'button' }, 'Export XLSX for the board paper');
  button.addEventListener('click', async () => {
    status.textContent = 'Preparing the export…';
    try {
      const { blob, filename } = await api.download(path);
      const link = h('a', { href: URL.createObjectURL(blob), download: filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      status.textContent = 'Export downloaded.';
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    }
  });
  return h('p', { class: 'buttons' }, button, ' ', status);
}

function headline(c: HeadlineCounts): HTMLElement {
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

function countsTable(first: string, rows: [string, HeadlineCounts][]): HTMLElement {
  return h(
    'div',
    { class: 'scroll' },
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

function rowsTable(rows: DashboardRow[], empty: string): HTMLElement {
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

function timeline(data: TabDashboard): HTMLElement {
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

function responseRates(data: TabDashboard): HTMLElement {
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

function unreachable(data: TabDashboard): HTMLElement {
  if (data.unreachable.length === 0) return h('p', { class: 'muted' }, 'Everyone can be reached.');
  return h(
    'div',
    {},
    h(
      'p',
      {},
      `The bot cannot reach ${plural(data.unreachable.length, 'recipient')} (app removed or blocked):`,
    ),
    h('ul', {}, ...data.unreachable.map((u) => h('li', {}, `${u.name} (${u.kind})`))),
  );
}
