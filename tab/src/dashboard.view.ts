import type { DashboardStatus, TabDashboard } from '../../src/http/tab-api.types.js';
import type { Api } from './api.js';
import { countsTable, headline, responseRates, rowsTable, timeline, unreachable } from './dashboard-parts.js';
import { type Child, h, render } from './dom.js';
import { shortDate } from './format.js';
import { pulseChart } from './pulse-chart.js';

const STATUSES: [DashboardStatus, string][] = [
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
