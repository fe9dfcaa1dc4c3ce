import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const product = [...sources('src'), ...sources('bot'), ...sources('cards')];

/** Checks over the product's source that keep whole classes of holes out (docs/security.md I9, L1). */
describe('source checks', () => {
  it('builds no SQL from strings: no sql.raw outside migrations, sql.lit only where listed', () => {
    // why: sql.lit inlines a value into the SQL text; each use must be of a constant, reviewed here.
    const reviewedLiterals: Record<string, string> = {
      [join('src', 'pulse', 'results-data.ts')]: 'the constant answer values 0–5',
    };
    const offenders = product
      .filter((f) => !f.startsWith(join('src', 'db', 'migrations')))
      .filter((f) => {
        const text = readFileSync(join(ROOT, f), 'utf8');
        return /\bsql\.raw\s*\(/.test(text) || (/\bsql\.lit\s*\(/.test(text) && !reviewedLiterals[f]);
      });
    expect(offenders).toEqual([]);
  });

  it('reads secrets only from the environment: no SECRET_ value written in committed env files', () => {
    const envFiles = readdirSync(join(ROOT, 'env')).filter((f) => !f.endsWith('.user'));
    for (const file of envFiles) {
      const text = readFileSync(join(ROOT, 'env', file), 'utf8');
      const assigned = text.split('\n').filter((l) => /^\s*SECRET_\w*\s*=\s*\S/.test(l));
      expect([relative(ROOT, join('env', file)), assigned]).toEqual([join('env', file), []]);
    }
  });

  it('never writes to the console from the product (logs go through pino, with redaction)', () => {
    const offenders = product.filter((f) =>
      /\bconsole\.(log|info|warn|error|debug)\(/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(offenders.filter((f) => !f.startsWith(join('src', 'cli')))).toEqual([]);
  });
});
