import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from '../../../src/config/config.schema.js';
import { configReference, withConfigReference } from '../../../src/config/config-reference.js';

describe('configReference', () => {
  it('has one row per setting, in schema order, with default, values and description', () => {
    const rows = configReference()
      .split('\n')
      .slice(2)
      .map((r) => r.replace(/ {2,}/g, ' '));
    expect(rows.map((r) => r.split('`')[1])).toEqual(Object.keys(configSchema.shape));
    expect(rows[0]).toBe(
      '| `ENV` | `local` | `local` \\| `dev` \\| `test` \\| `prod` | Environment name; picks env/.env.<ENV>. |',
    );
    expect(rows.find((r) => r.startsWith('| `ALLOW_EMBEDDED_IN_PROD`'))).toContain(
      '| `false` | `true` \\| `false` |',
    );
    expect(rows.find((r) => r.startsWith('| `REMINDER_DAYS_BEFORE`'))).toContain('| `14,7,1` | text |');
    expect(rows.find((r) => r.startsWith('| `RETENTION_DAYS`'))).toContain('| | number ≥ 30 |');
    expect(rows.find((r) => r.startsWith('| `SECRET_BOT_PASSWORD`'))).toContain('Secret: keep it in');
  });

  it('escapes a pipe in a description so the table keeps its columns', () => {
    const schema = z.object({ A: z.string().default('x').describe('this | that') });
    expect(configReference(schema).split('\n')).toEqual([
      '| Setting | Default | Values | What it does |',
      '| ------- | ------- | ------ | ------------ |',
      '| `A`     | `x`     | text   | this \\| that |',
    ]);
  });
});

describe('README.md', () => {
  it('holds the table generated from the current schema (run npm run docs:config)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(withConfigReference(readme, configReference())).toBe(readme);
  });

  it('replacing needs both markers, and says which lines to add', () => {
    expect(() => withConfigReference('# no markers', 'table')).toThrow(
      'README.md: add the lines <!-- config:start --> and <!-- config:end -->',
    );
    expect(withConfigReference('a\n<!-- config:start -->\nold\n<!-- config:end -->\nb', 'new')).toBe(
      'a\n<!-- config:start -->\nnew\n<!-- config:end -->\nb',
    );
  });
});
