import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** A digest of everything the production build compiles, to reuse an earlier build of the same sources. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  const add = (path: string) => hash.update(path).update(readFileSync(join(repoRoot, path)));
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) add(file);
  for (const dir of ['src', 'bot', 'cards']) {
    const files = readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' });
    for (const file of files.filter((f) => /\.(ts|json)$/.test(f)).sort()) add(join(dir, file));
  }
  return hash.digest('hex');
}

/**
 * The production build (`npm run build`'s tsconfig), compiled once per change of the sources; returns the
 * entry point (`src/index.js`), which is what `npm run start:prod` runs. Type errors elsewhere in a shared
 * tree still emit JavaScript, so only a missing entry point fails.
 */
export function productionBuild(): Promise<string> {
  appBuild ??= (async () => {
    const outDir = join(BUILD_DIR, 'app');
    const entry = join(outDir, 'src', 'index.js');
    const digestFile = join(outDir, '.source-digest');
    const digest = sourceDigest();
    if (existsSync(entry) && existsSync(digestFile) && readFileSync(digestFile, 'utf8') === digest)
      return entry;
    rmSync(outDir, { recursive: true, force: true });
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: repoRoot,
    }).catch(() => undefined);
    // why: the nearest package.json decides ESM or CommonJS, and the lookup stops at node_modules.
    writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
    if (!existsSync(entry)) throw new Error(`the production build produced no ${entry}`);
    writeFileSync(digestFile, digest);
    return entry;
  })();
  return appBuild;
}

const bundles = new Map<string, Promise<string>>();

/**
 * `entry` (a path from the repository root) bundled once per run to plain JavaScript in BUILD_DIR/`name`,
 * its packages left to node_modules, so it starts as the production build does: with `node`, no compiling.
 */
function bundled(name: string, entry: string): Promise<string> {
  let done = bundles.get(name);
  if (!done) {
    done = (async () => {
      const outDir = join(BUILD_DIR, name);
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
      const outfile = join(outDir, `${name}.js`);
      await build({
        entryPoints: [join(repoRoot, entry)],
        outfile,
        bundle: true,
        packages: 'external',
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'silent',
      });
      return outfile;
    })();
    bundles.set(name, done);
  }
  return done;
}

/** bench/echo-bot.ts compiled to plain JavaScript, so the reference runs the same way as the app. */
export const compiledEchoBot = (): Promise<string> => bundled('echo-bot', 'bench/echo-bot.ts');

/**
 * test/support/delivery-worker.process.ts (one copy's delivery side) as plain JavaScript. why: started
 * through tsx, each copy spent a second or two compiling first.
 */
export const compiledDeliveryWorker = (): Promise<string> =>
  bundled('delivery-worker', 'test/support/delivery-worker.process.ts');
