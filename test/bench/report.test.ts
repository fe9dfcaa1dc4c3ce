import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchRow } from '../../bench/bench.types.js';
import {
  describeMachine,
  formatTable,
  README_END,
  README_START,
  updateReadme,
} from '../../bench/support/report.js';

const dir = mkdtempSync(join(tmpdir(), 'pp-bench-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows: BenchRow[] = [
  { scenario: 'import', metric: 'sample plan', value: 41.37, unit: 'ms', target: '< 300 ms', ok: true },
  { scenario: 'inbound', metric: 'ratio | odd', value: 0.42, unit: '×', target: '≥ 0.5×', ok: false },
  { scenario: 'footprint', metric: 'idle RSS', value: 1234.5, unit: 'MB' },
];
const machine = describeMachine('PGlite; PostgreSQL 15', new Date('2026-11-25T17:00:00Z'));
const run = { quick: false, seconds: 61.2, timings: [{ scenario: 'import', seconds: 20.4 }] };

describe('formatTable', () => {
  it('prints one row per figure, rounded, with units, targets, whether met, padded as Biome pads', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines).toEqual([
      '| Scenario  | Metric       | Value    | Target   | Met    |',
      '| --------- | ------------ | -------- | -------- | ------ |',
      '| import    | sample plan  | 41.4 ms  | < 300 ms | yes    |',
      '| inbound   | ratio \\| odd | 0.42 ×   | ≥ 0.5×   | **no** |',
      '| footprint | idle RSS     | 1,235 MB |          |        |',
    ]);
  });
});

describe('updateReadme', () => {
  it('adds a Performance section at the end when the README has no markers', () => {
    const path = join(dir, 'plain.md');
    writeFileSync(path, '# practice-pulse\n\nIntro.\n');
    expect(updateReadme(path, rows, machine, run)).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# practice-pulse\n\nIntro.\n\n## Performance\n')).toBe(true);
    expect(text).toContain('2026-11-25');
    expect(text).toContain('Time: import 20 s · total 61 s (budget: 5 min).');
    expect(text).toContain('| import    | sample plan  | 41.4 ms  |');
  });

  it('replaces only what is between the markers', () => {
    const path = join(dir, 'marked.md');
    writeFileSync(path, `# x\n\n## Performance\n\nWhy.\n\n${README_START}\nold\n${README_END}\n\n## After\n`);
    updateReadme(path, rows, machine, run);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('old');
    expect(text).toMatch(
      /^# x\n\n## Performance\n\nWhy\.\n\n<!-- bench:start -->\n[\s\S]+<!-- bench:end -->\n\n## After\n$/,
    );
    expect(text.match(/## Performance/g)).toHaveLength(1);
  });

  it('does nothing when there is no README', () => {
    expect(updateReadme(join(dir, 'missing.md'), rows, machine, run)).toBe(false);
  });
});
