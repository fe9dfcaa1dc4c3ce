import type { BenchRow } from '../bench.types.js';
import type { LoadResult } from '../support/load.js';

export const NAME = 'inbound';

/** How hard and how long each bot is driven. */
export interface LoadShape {
  connections: number;
  rate: number;
  warmUpSeconds: number;
  saturatedSeconds: number;
  fixedSeconds: number;
}

export interface Figures {
  saturated: LoadResult;
  fixed: LoadResult;
}

const ms = (v: number) => `${Math.round(v)} ms`;

function describe(r: LoadResult): string {
  const failed = r.failed > 0 ? `; ${r.failed} failed (${r.statusCodes})` : '';
  return `${Math.round(r.requestsPerSecond)} req/s, p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}${failed}`;
}

// why: a run in which nothing completed has no latency to speak of; it must not pass as "0 ms".
const clean = (r: LoadResult) => r.failed === 0 && r.succeeded > 0;

function figureRow(metric: string, r: LoadResult): BenchRow {
  return {
    scenario: NAME,
    metric,
    value: r.succeeded > 0 ? describe(r) : `no request completed; ${describe(r)}`,
    ...(clean(r) ? {} : { target: 'every request answered 2xx', ok: false }),
  };
}

export function figureRows(who: string, label: string, f: Figures, shape: LoadShape): BenchRow[] {
  return [
    figureRow(`${label} → ${who}, ${shape.connections} connections`, f.saturated),
    figureRow(`${label} → ${who}, ${shape.rate} req/s offered`, f.fixed),
  ];
}

/** practice-pulse against the echo bot: throughput at saturation, p99 at the fixed load. */
export function ratioRows(
  who: string,
  label: string,
  bot: Figures,
  echo: Figures,
  shape: LoadShape,
): BenchRow[] {
  const throughput = bot.saturated.requestsPerSecond / echo.saturated.requestsPerSecond;
  const measured = clean(bot.fixed) && clean(echo.fixed);
  const p99 = measured ? bot.fixed.p99Ms / Math.max(echo.fixed.p99Ms, 1) : Number.NaN;
  return [
    {
      scenario: NAME,
      metric: `${label} → ${who}: throughput ÷ echo bot`,
      value: throughput,
      unit: '×',
      target: '≥ 0.5×',
      ok: throughput >= 0.5,
    },
    {
      scenario: NAME,
      metric: `${label} → ${who}: p99 at ${shape.rate} req/s ÷ echo bot`,
      value: measured ? p99 : 'not measured (failed requests)',
      ...(measured ? { unit: '×' } : {}),
      target: '≤ 2×',
      ok: measured && p99 <= 2,
    },
  ];
}
