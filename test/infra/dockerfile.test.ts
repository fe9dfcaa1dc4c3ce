import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const stages = dockerfile.split(/^(?=FROM )/m).filter((s) => s.startsWith('FROM '));
const runtime = stages.at(-1) ?? '';

/** The package a bare import names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** `import … from`, `export … from`, `import '…'`, `import('…')` and `require('…')`. */
const IMPORTS = [
  /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/**
 * Every package the service and the command line load, following relative imports from their entry points
 * (static, dynamic and `require`); type-only imports are left out, as the compiler erases them.
 */
function packagesLoadedFrom(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8').replace(/import\s+type\s[^;]*?from\s*['"][^'"]+['"]/g, '');
    for (const [, specifier] of IMPORTS.flatMap((pattern) => [...source.matchAll(pattern)])) {
      if (specifier!.startsWith('.')) {
        const target = join(dirname(file), specifier!.replace(/\.js$/, '.ts'));
        if (existsSync(target)) queue.push(target);
      } else if (!specifier!.startsWith('node:') && !builtinModules.includes(specifier!)) {
        packages.add(packageOf(specifier!));
      }
    }
  }
  return packages;
}

describe('Dockerfile', () => {
  it('builds in stages and runs the compiled service as a user other than root', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toMatch(/^COPY --from=\S+ .*\/app\/dist \.\/dist$/m);
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime).toMatch(/^CMD \[.*"dist\/src\/index\.js"\]$/m);
  });

  it('installs production dependencies only, and the service and CLI need no other package', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
    const loaded = packagesLoadedFrom(['src/index.ts', 'src/cli/main.ts']);
    expect(loaded.has('botbuilder')).toBe(true);
    expect([...loaded].filter((name) => !(name in dependencies))).toEqual([]);
  });
});
