import { parseArgs } from 'node:util';
import { scenarios } from './scenarios/index.js';
import { runCleanups } from './support/cleanup.js';
import { repoRoot } from './support/processes.js';
import {
  describeMachine,
  formatResults,
  formatTable,
  formatTimings,
  updateReadme,
  writeResults,
} from './support/report.js';
import { runScenarios, selectScenarios } from './support/run-scenarios.js';
import { dropStaleBenchDatabases, storeVersions } from './support/stores.js';

const usage = `npm run bench [-- options]
  --quick         small, fast version of every scenario (smoke check; the figures mean little)
  --only <names>  run only these scenarios (comma-separated): ${scenarios.map((s) => s.name).join(', ')}
  --out <file>    write the results there (Markdown, or JSON for a .json file); a full run writes
                  bench/results.md and the README's Performance section (errors included, as rows);
                  a --quick or --only run writes nothing unless --out is given`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const quick = values.quick;
const only = values.only
  .flatMap((v) => v.split(','))
  .map((v) => v.trim())
  .filter(Boolean);
try {
  selectScenarios(scenarios, only);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
  process.exit(2);
}
const fullRun = !quick && only.length === 0;
const out = values.out ?? (fullRun ? `${repoRoot}bench/results.md` : undefined);

// why: an interrupted or killed run still stops its servers and drops its bench databases.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, cleaning up…\n`);
    void runCleanups().finally(() =>
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)),
    );
  });
}

await dropStaleBenchDatabases().then(
  (dropped) =>
    dropped.length && process.stderr.write(`bench: dropped ${dropped.length} stale bench databases\n`),
  () => undefined,
);

// why: taken before the run, so the load average shows how busy the machine was with other work.
const machine = describeMachine(await storeVersions());
const outcome = await runScenarios(scenarios, {
  quick,
  only,
  log: (line) => process.stderr.write(`${line}\n`),
});

process.stdout.write(`${formatTable(outcome.rows)}\n\n`);
const summary = { quick, seconds: outcome.seconds, timings: outcome.timings };
process.stdout.write(`Time: ${formatTimings(summary)}, on ${machine.cpu} (${machine.cores} cores).\n`);
if (out) {
  const text = out.endsWith('.json')
    ? JSON.stringify({ machine, ...summary, rows: outcome.rows, errors: outcome.errors }, null, 2)
    : formatResults(outcome.rows, machine, summary);
  writeResults(out, text);
  process.stdout.write(`Results written to ${out}\n`);
}
if (fullRun && updateReadme(`${repoRoot}README.md`, outcome.rows, machine, summary))
  process.stdout.write('README.md Performance section updated.\n');
for (const e of outcome.errors) process.stderr.write(`bench: ${e.scenario} failed: ${e.message}\n`);
process.exit(outcome.errors.length > 0 ? 1 : 0);
