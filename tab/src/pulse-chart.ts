import uPlot from 'uplot';
import type { DashboardPulse } from '../../src/http/tab-api.types.js';
import { h, scrollRegion } from './dom.js';
import { shortDate } from './format.js';

const PALETTE = ['#5b5fc7', '#c4314b', '#237b4b', '#8a6100', '#0078d4', '#8764b8', '#038387'];

/** Reads a theme colour from the page's CSS variables, so the chart follows light, dark and contrast. */
const cssVar = (name: string) => getComputedStyle(document.body).getPropertyValue(name).trim() || '#888';

/**
 * Health Check statements over rounds as a line chart: the percent agreeing per round, with a gap where
 * fewer than the threshold answered (the server never sends those figures). A table carries the same
 * numbers for screen readers and for anyone who prefers them.
 */
export function pulseChart(pulse: DashboardPulse): HTMLElement {
  const chart = h('div', { class: 'chart', 'aria-hidden': 'true' });
  const xs = pulse.rounds.map((_, i) => i);
  const width = () => Math.max(260, chart.clientWidth || 600);
  const contrast = document.body.dataset.theme === 'contrast';
  const plot = new uPlot(
    {
      width: width(),
      height: 220,
      // why: a little room either side, so the first and last round's labels are not cut off.
      scales: { x: { time: false, range: [-0.3, Math.max(1, xs.length - 0.7)] }, y: { range: [0, 100] } },
      axes: [
        {
          stroke: cssVar('--fg'),
          grid: { stroke: cssVar('--border') },
          values: (_u, ticks) =>
            ticks.map((t) => (pulse.rounds[t] ? shortDate(pulse.rounds[t].closedOn) : '')),
          incrs: [1],
        },
        {
          stroke: cssVar('--fg'),
          grid: { stroke: cssVar('--border') },
          values: (_u, t) => t.map((v) => `${v}%`),
        },
      ],
      series: [
        { label: 'Round', value: (_u, i) => pulse.rounds[i]?.name ?? '' },
        ...pulse.statements.map((s, i) => ({
          label: s.text.length > 40 ? `${s.text.slice(0, 39)}…` : s.text,
          stroke: contrast ? cssVar('--fg') : (PALETTE[i % PALETTE.length] as string),
          width: 2,
          dash: contrast ? [[], [6, 3], [2, 2], [10, 4]][i % 4] : undefined,
          points: { show: true },
          spanGaps: false,
        })),
      ],
      legend: { show: true },
    },
    [xs, ...pulse.statements.map((s) => s.values)] as uPlot.AlignedData,
    chart,
  );
  new ResizeObserver(() => plot.setSize({ width: width(), height: 220 })).observe(chart);
  return h('div', {}, chart, pulseTable(pulse));
}

function pulseTable(pulse: DashboardPulse): HTMLElement {
  const cell = (v: number | null) => (v === null ? `fewer than ${pulse.minGroup} answered` : `${v}%`);
  return scrollRegion(
    'Health Check table',
    h(
      'table',
      {},
      h('caption', {}, 'Health Check: percent agreeing, by round'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Statement'),
          ...pulse.rounds.map((r) =>
            h('th', { scope: 'col' }, `${r.name} (closed ${shortDate(r.closedOn)})`),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...pulse.statements.map((s) =>
          h('tr', {}, h('th', { scope: 'row' }, s.text), ...s.values.map((v) => h('td', {}, cell(v)))),
        ),
      ),
    ),
  );
}
