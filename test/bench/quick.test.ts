import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchRow } from '../../bench/bench.types.js';
import { scenarios } from '../../bench/scenarios/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pp-bench-quick-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface QuickOutput {
  rows: BenchRow[];
  errors: { scenario: string; message: string }[];
}

// why: a smoke check that `npm run bench` works end to end; the figures of a quick run are not asserted.
describe('npm run bench -- --quick', () => {
  // why: the quick run aims at 30 s on an idle machine; the margin is for one shared with other test runs.
  it('runs every registered scenario to rows, without errors', { timeout: 160_000 }, () => {
    const out = join(dir, 'results.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/main.ts', '--quick', '--out', out], {
      encoding: 'utf8',
      timeout: 150_000,
    });
    const result: QuickOutput = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.errors, run.stderr).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
    for (const { name } of scenarios) {
      expect(result.rows.filter((r) => r.scenario === name).length, `rows of ${name}`).toBeGreaterThan(0);
    }
    expect(run.stdout).toMatch(/^\| Scenario +\| Metric +\| Value +\| Target +\| Met +\|$/m);
  });

  it('refuses an unknown scenario name, listing the known ones', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/main.ts', '--only', 'no-such'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`known: ${scenarios.map((s) => s.name).join(', ')}`);
  });
});
