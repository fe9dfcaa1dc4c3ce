import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { repoRoot } from './processes.js';

/**
 * Where the bench puts compiled JavaScript. why: inside node_modules so that the compiled files resolve the
 * project's packages by walking up, while staying out of git, Biome and the real `dist/`.
 */
const BUILD_DIR = join(repoRoot, 'node_modules', '.cache', 'practice-pulse-bench');

let appBuild: Promise<string> | undefined;

/**
 * The production build (`npm run build`'s tsconfig) compiled once per run; returns the entry point
 * (`src/index.js`), which is what `npm run start:prod` runs. Type errors elsewhere in a shared tree still
 * emit JavaScript, so only a missing entry point fails.
 */
export function productionBuild(): Promise<string> {
  appBuild ??= (async () => {
    const outDir = join(BUILD_DIR, 'app');
    rmSync(outDir, { recursive: true, force: true });
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: repoRoot,
    }).catch(() => undefined);
    // why: the nearest package.json decides ESM or CommonJS, and the lookup stops at node_modules.
    writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
    const entry = join(outDir, 'src', 'index.js');
    if (!existsSync(entry)) throw new Error(`the production build produced no ${entry}`);
    return entry;
  })();
  return appBuild;
}

let echoBuild: Promise<string> | undefined;

/** bench/echo-bot.ts compiled to plain JavaScript, so the reference runs the same way as the app. */
export function compiledEchoBot(): Promise<string> {
  echoBuild ??= (async () => {
    const outDir = join(BUILD_DIR, 'echo');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
    const outfile = join(outDir, 'echo-bot.js');
    await build({
      entryPoints: [join(repoRoot, 'bench', 'echo-bot.ts')],
      outfile,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return echoBuild;
}
