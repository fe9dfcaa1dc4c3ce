import type { BenchRow, BenchScenario } from '../bench.types.js';
import { runCleanups } from './cleanup.js';
import { stopAllProcesses } from './processes.js';

export interface RunOptions {
  quick: boolean;
  /** Names of the scenarios to run; empty runs them all. */
  only: string[];
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface RunOutcome {
  rows: BenchRow[];
  /** Scenarios that threw or timed out, with their message. */
  errors: { scenario: string; message: string }[];
  /** Wall time of each scenario that ran, in run order. */
  timings: { scenario: string; seconds: number }[];
  seconds: number;
}

/** The metric name of the row that stands for a scenario's failure. */
export const ERROR_METRIC = 'error';

/** A row reporting that part of a scenario failed; the run goes on and exits non-zero at the end. */
export function errorRow(scenario: string, error: unknown): BenchRow {
  const message = error instanceof Error ? error.message : String(error);
  const [first = '', ...rest] = message.split('\n');
  return {
    scenario,
    metric: ERROR_METRIC,
    value: first.slice(0, 300),
    ok: false,
    ...(rest.length > 0 || first.length > 300 ? { detail: message } : {}),
  };
}

function withTimeLimit<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export function selectScenarios(all: BenchScenario[], only: string[]): BenchScenario[] {
  if (only.length === 0) return all;
  const unknown = only.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  return all.filter((s) => only.includes(s.name));
}

/** Runs the scenarios one after another, each within its time limit; a failure becomes an error row. */
export async function runScenarios(all: BenchScenario[], options: RunOptions): Promise<RunOutcome> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const rows: BenchRow[] = [];
  const errors: RunOutcome['errors'] = [];
  const timings: RunOutcome['timings'] = [];
  try {
    for (const scenario of selectScenarios(all, options.only)) {
      const limit = scenario.timeLimitSeconds ?? { full: 150, quick: 25 };
      const seconds = options.quick ? limit.quick : limit.full;
      const t0 = performance.now();
      log(`bench: ${scenario.name}…`);
      let produced: BenchRow[];
      try {
        produced = await withTimeLimit(scenario.run({ quick: options.quick }), seconds);
      } catch (error) {
        produced = [errorRow(scenario.name, error)];
      }
      // why: a scenario that failed or ran out of time may have left servers running that would skew the next.
      await stopAllProcesses();
      for (const row of produced.filter((r) => r.metric === ERROR_METRIC)) {
        errors.push({ scenario: row.scenario, message: String(row.value) });
        if (row.detail) log(`bench: ${row.scenario} error detail:\n${row.detail}`);
      }
      rows.push(...produced);
      timings.push({ scenario: scenario.name, seconds: (performance.now() - t0) / 1000 });
      log(`bench: ${scenario.name} done in ${timings.at(-1)!.seconds.toFixed(1)} s`);
    }
  } finally {
    await runCleanups();
  }
  return { rows, errors, timings, seconds: (performance.now() - started) / 1000 };
}
