import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataUrl = (source: string) => `data:text/javascript,${encodeURIComponent(source)}`;

/**
 * A module hook that writes the URL of every ES module Node loads to the file named by MODULE_LOG, and at exit
 * the path of every CommonJS module required.
 */
const logHooks = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.MODULE_LOG, url + '\\n');
  return next(url, context);
}`;
const registerLog = `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register(${JSON.stringify(dataUrl(logHooks))});
process.on('exit', () => appendFileSync(process.env.MODULE_LOG, Object.keys(createRequire('/').cache).join('\\n')));`;

const dir = mkdtempSync(join(tmpdir(), 'pp-startup-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The modules src/index.ts loads before it starts anything: started as production without bot credentials,
 * it loads all its static imports, then refuses to start.
 */
function startupModules(): string[] {
  const log = join(dir, 'modules.txt');
  const run = spawnSync(
    process.execPath,
    ['--import', dataUrl(registerLog), '--import', 'tsx', 'src/index.ts'],
    {
      env: { PATH: process.env.PATH ?? '', ENV: 'prod', MODULE_LOG: log, TENANT_ALLOW_LIST: 'tenant-1' },
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  expect(run.stderr).toContain('Refusing to start with ENV=prod:');
  return readFileSync(log, 'utf8').split('\n');
}

describe('modules loaded at start', () => {
  it('leave out exceljs (XLSX import and export load it), PGlite (the embedded store does) and date-holidays', () => {
    const modules = startupModules();
    expect(modules.some((url) => url.endsWith('/src/http/server.ts'))).toBe(true);
    expect(modules.some((path) => path.includes('/node_modules/botbuilder-core/'))).toBe(true);
    for (const lazy of ['exceljs', '@electric-sql/pglite', 'kysely-pglite-dialect', 'date-holidays'])
      expect(modules.filter((url) => url.includes(`/node_modules/${lazy}/`))).toEqual([]);
  });
});
