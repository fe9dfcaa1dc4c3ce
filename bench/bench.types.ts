/** One figure in the bench table. `ok` is set when the figure has a target: true when it meets it. */
export interface BenchRow {
  scenario: string;
  metric: string;
  value: number | string;
  unit?: string;
  target?: string;
  ok?: boolean;
  /** More than fits in the table (an error's full text); printed to stderr, not to the table. */
  detail?: string;
}

export interface BenchOptions {
  /** A small, fast version of the scenario (smoke check): the figures are not meaningful. */
  quick: boolean;
}

/** A scenario is bounded in time and load, talks only to 127.0.0.1, and stops every process it starts. */
export interface BenchScenario {
  name: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
  /** Longest the scenario may run before it is reported as failed (default: 150 s, 25 s when quick). */
  timeLimitSeconds?: { full: number; quick: number };
}
